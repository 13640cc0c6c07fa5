// The scan that finds where a source stops being UTF-8, against Node's own UTF-8 check and decoder.
import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8 } from "../../compiler/1-load/source-encoding.js";

/** Bytes mostly ASCII and well-formed sequences, with stray high bytes mixed in. */
const sourceLike = fc
  .array(fc.oneof(fc.string({ unit: "grapheme" }).map((s) => [...Buffer.from(s, "utf8")]), fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 3 })), { maxLength: 20 })
  .map((parts) => Uint8Array.from(parts.flat()));

describe("firstInvalidUtf8", () => {
  it("agrees with Node's isUtf8, and points at the first byte the decoder replaces", () => {
    fc.assert(
      fc.property(sourceLike, (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        expect(bad === undefined).toBe(isUtf8(bytes));
        if (bad === undefined) return;
        const prefix = bytes.subarray(0, bad.offset);
        expect(isUtf8(prefix)).toBe(true);
        const decoded = new TextDecoder().decode(bytes);
        expect(decoded.slice(0, new TextDecoder().decode(prefix).length + 1)).toBe(`${new TextDecoder().decode(prefix)}\uFFFD`);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["Latin-1 é", [0x63, 0x61, 0x66, 0xe9], { offset: 3, length: 1 }],
    ["an overlong slash", [0x2f, 0xc0, 0xaf], { offset: 1, length: 1 }],
    ["a surrogate", [0xed, 0xa0, 0x80], { offset: 0, length: 1 }],
    ["a sequence cut short", [0x61, 0xe2, 0x82], { offset: 1, length: 2 }],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], { offset: 0, length: 1 }],
  ])("finds %s", (_name, bytes, expected) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toEqual(expected);
  });

  it("accepts well-formed text of every length", () => {
    expect(firstInvalidUtf8(Buffer.from("a é € 😀 \uFFFD", "utf8"))).toBeUndefined();
  });
});
