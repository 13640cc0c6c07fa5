// The tools/call params every contender is sent, serialised once.
const address = { street: "1 Main Street", city: "Springfield", postal_code: "12345", country: "US" };

export const VALID_ORDER = {
  customer_id: "c-1042",
  customer_name: "Ada Lovelace",
  email: "ada@example.com",
  currency: "EUR",
  shipping: "express",
  shipping_address: address,
  billing_address: { ...address, street: "2 Side Street" },
  items: [
    { sku: "BOOK-1", quantity: 2, unit_price: 12.5 },
    { sku: "PEN-7", quantity: 10, unit_price: 1.2 },
    { sku: "LAMP-3", quantity: 1, unit_price: 49 },
  ],
  coupon: "WELCOME",
  gift: false,
  notes: "Leave at the door.",
};

/** Wrong in three places: a quantity over its bound, an unknown currency, a missing city. */
export const INVALID_ORDER = {
  ...VALID_ORDER,
  currency: "DOGE",
  shipping_address: { street: "1 Main Street", postal_code: "12345", country: "US" },
  items: [{ sku: "BOOK-1", quantity: 5000, unit_price: 12.5 }],
};

export const CALL_ADD = JSON.stringify({ name: "add", arguments: { a: 1, b: 2 } });
export const CALL_ORDER = JSON.stringify({ name: "create_order", arguments: VALID_ORDER });
export const CALL_BAD_ORDER = JSON.stringify({ name: "create_order", arguments: INVALID_ORDER });
export const INITIALIZE = JSON.stringify({
  protocolVersion: "2025-11-25",
  capabilities: {},
  clientInfo: { name: "mcpc-bench", version: "1.0.0" },
});
