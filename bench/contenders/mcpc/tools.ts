// The benchmark's tools as an mcpc user writes them: plain functions, types
// and JSDoc. The SDK, fastmcp (TypeScript), FastMCP (Python) and floor
// contenders serve the same two tools.

/**
 * Add two numbers.
 * @param a - The first number.
 * @param b - The second number.
 * @readOnly
 */
export function add(a: number, b: number): number {
  return a + b;
}

/** The currency an order is paid in. */
export type Currency = "USD" | "EUR" | "GBP" | "JPY";

export interface Address {
  /** @minLength 1 */
  street: string;
  /** @minLength 1 */
  city: string;
  /** @maxLength 16 */
  postal_code: string;
  /**
   * ISO 3166-1 alpha-2 country code.
   * @minLength 2
   * @maxLength 2
   */
  country: string;
}

export interface LineItem {
  /** @minLength 1 */
  sku: string;
  /**
   * @integer
   * @minimum 1
   * @maximum 1000
   */
  quantity: number;
  /** @minimum 0 */
  unit_price: number;
}

export interface Order {
  /** @minLength 1 */
  customer_id: string;
  customer_name: string;
  /** @format email */
  email: string;
  currency: Currency;
  shipping: "standard" | "express" | "overnight";
  shipping_address: Address;
  /** Defaults to the shipping address. */
  billing_address?: Address;
  /**
   * @minItems 1
   * @maxItems 100
   */
  items: LineItem[];
  coupon?: string;
  gift?: boolean;
  /** @maxLength 500 */
  notes?: string;
}

export interface OrderReceipt {
  order_id: string;
  total: number;
  item_count: number;
  status: "accepted";
}

let nextOrder = 1;

/**
 * Place an order for a customer and return its receipt.
 */
export function create_order({ customer_id, currency, items, coupon }: Order): OrderReceipt {
  let total = 0;
  let count = 0;
  for (const item of items) {
    total += item.quantity * item.unit_price;
    count += item.quantity;
  }
  if (coupon !== undefined) total *= 0.9;
  return { order_id: `${customer_id}-${currency}-${nextOrder++}`, total: Math.round(total * 100) / 100, item_count: count, status: "accepted" };
}
