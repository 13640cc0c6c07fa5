// The create_order input as SDK and fastmcp users write it: zod.
import { z } from "zod";

const address = z.object({
  street: z.string().min(1),
  city: z.string().min(1),
  postal_code: z.string().max(16),
  country: z.string().min(2).max(2).describe("ISO 3166-1 alpha-2 country code."),
});

export const addShape = { a: z.number().describe("The first number."), b: z.number().describe("The second number.") };

export const orderShape = {
  customer_id: z.string().min(1),
  customer_name: z.string(),
  email: z.email(),
  currency: z.enum(["USD", "EUR", "GBP", "JPY"]),
  shipping: z.enum(["standard", "express", "overnight"]),
  shipping_address: address,
  billing_address: address.optional().describe("Defaults to the shipping address."),
  items: z
    .array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(1).max(1000), unit_price: z.number().min(0) }))
    .min(1)
    .max(100),
  coupon: z.string().optional(),
  gift: z.boolean().optional(),
  notes: z.string().max(500).optional(),
};
