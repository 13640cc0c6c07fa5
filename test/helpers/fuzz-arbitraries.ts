// Generators the stdio and HTTP protocol fuzzers share: request ids of every
// odd shape JSON-RPC allows, and well-formed requests with params of any shape
// aimed at the tools of fixtures/servers/faults.
import fc from "fast-check";

/** Ids made unique through a counter: negative, fractional, huge, past 2^53, and strings of any UTF-16. */
export function idShape(fraction: number, maxTextLength: number): fc.Arbitrary<(n: number) => string | number> {
  return fc.oneof(
    fc.constant((n: number) => n),
    fc.constant((n: number) => -n),
    fc.constant((n: number) => n + fraction),
    fc.constant((n: number) => 2 ** 52 + n),
    fc.constant((n: number) => n * 1e200),
    fc.string({ unit: "binary", maxLength: maxTextLength }).map((text) => (n: number) => `${n}:${text}`),
  );
}

const toolNames = fc.constantFrom("echo", "count_nodes", "throws_error", "returns_cycle", "returns_bigint", "no_such_tool");

export interface RequestBody {
  method: string;
  params?: unknown;
}

/** Requests that are well formed as JSON-RPC, with params of any shape (logging/setLevel among them where asked). */
export function requestBody(options: { setLevel: boolean }): fc.Arbitrary<RequestBody> {
  return fc.oneof<fc.Arbitrary<RequestBody>[]>(
    fc.constant({ method: "ping" }),
    fc.constant({ method: "tools/list" }),
    fc.record({ method: fc.constant("tools/call"), params: fc.record({ name: toolNames, arguments: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: ["name"] }) }),
    fc.record({ method: fc.constant("tools/call"), params: fc.record({ name: fc.constant("echo"), arguments: fc.record({ value: fc.double() }) }) }),
    ...(options.setLevel
      ? [fc.record({ method: fc.constant("logging/setLevel"), params: fc.record({ level: fc.oneof(fc.constantFrom("debug", "error"), fc.jsonValue({ maxDepth: 1 })) }) })]
      : []),
    fc.record({ method: fc.string({ maxLength: 20 }), params: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: ["method"] }),
    fc.record({ method: fc.constant("initialize"), params: fc.jsonValue({ maxDepth: 2 }) }),
  );
}

/**
 * JSON values a text holds as the servers bound them (MCPC_MAX_MESSAGE_VALUES):
 * the tokens that start one ({ [ , :) outside strings. Counted here by other
 * means than the runtime's scan (strings blanked by a regular expression).
 */
export function jsonValuesIn(text: string): number {
  return (text.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/[{[,:]/g) ?? []).length;
}

/**
 * Integer ids beyond 2^53, as JSON text: JSON.parse rounds them, and the
 * answer must carry these digits. Unique through the counter.
 */
export const exactIdText = fc.constantFrom("9007199254740993", "-18446744073709551617", "123456789012345678901234567890").map((digits) => (n: number) => `${digits}${n}`);
