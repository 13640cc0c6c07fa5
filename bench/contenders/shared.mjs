// What every hand-written contender computes: the same answers as the mcpc
// contender's functions (bench/contenders/mcpc/tools.ts).
let nextOrder = 1;

export function placeOrder({ customer_id, currency, items, coupon }) {
  let total = 0;
  let count = 0;
  for (const item of items) {
    total += item.quantity * item.unit_price;
    count += item.quantity;
  }
  if (coupon !== undefined) total *= 0.9;
  return { order_id: `${customer_id}-${currency}-${nextOrder++}`, total: Math.round(total * 100) / 100, item_count: count, status: "accepted" };
}

export const ADD_DESCRIPTION = "Add two numbers.";
export const ORDER_DESCRIPTION = "Place an order for a customer and return its receipt.";
