// The ReDoS analysis behind MCPC1023/1024/1026 (compiler/schema/pattern-safety.ts), on the cases that
// chose recheck, on the patterns mcpc writes itself, on the rewrites its hints suggest, and on the
// formats ajv-formats checks with a pattern. Each vulnerable verdict is also timed in V8, so the test
// fails if the analyser cries wolf.
import { createRequire } from "node:module";
import fc from "fast-check";
import type { checkSync as CheckSync } from "recheck";
import { describe, expect, it } from "vitest";
import { isProvablyLinear } from "../../compiler/schema/linear-pattern.js";
import { SLOW_FORMATS } from "../../compiler/schema/constraint-tags.js";
import { patternVerdict } from "../../compiler/schema/pattern-safety.js";
import { NUMBER_PATTERN } from "../../compiler/schema/visitors/primitive.js";

const ANY = "[\\s\\S]*";

describe("patternVerdict", () => {
  it.each([
    ["^(a+)+$", "exponential", "a".repeat(24) + "!"],
    ["(a|a)*b", "exponential", "a".repeat(24)],
    ["(a*)*b", "exponential", "a".repeat(24)],
    ["^(\\w+\\s?)*$", "exponential", "a".repeat(24) + "!"],
    ["\\s*$", "2nd degree polynomial", "\t".repeat(20_000) + "!"],
    // What `${string}${number}` would be written as (MCPC1110).
    [`^${ANY}${NUMBER_PATTERN}$`, "2nd degree polynomial", "1".repeat(20_000) + "E"],
    // `${string}:${string}@${string}` written plainly (mcpc rewrites it, see below).
    [`^${ANY}:${ANY}@${ANY}$`, "2nd degree polynomial", ":".repeat(20_000)],
  ])("%s is vulnerable (%s), and slow in V8 indeed", (pattern, complexity, attack) => {
    const verdict = patternVerdict(pattern);
    expect(verdict).toMatchObject({ status: "vulnerable", complexity });
    const started = performance.now();
    new RegExp(pattern, "u").test(attack);
    expect(performance.now() - started).toBeGreaterThan(50);
  });

  it.each([
    "^[a-z0-9-]+$",
    "^\\d{4}-\\d{2}-\\d{2}$",
    // The rewrites MCPC1023's hint suggests.
    "^a+$",
    "^\\w+(\\s\\w+)*$",
    "^https?://\\S+$",
    // What mcpc writes: number keys, and one placeholder between literal texts.
    `^${NUMBER_PATTERN}$`,
    `^item-${NUMBER_PATTERN}$`,
    `^user/${ANY}\\.json$`,
    `^${ANY}/${ANY}$`,
    "^(?:(?!:)[\\s\\S])*:(?:(?!@)[\\s\\S])*@[\\s\\S]*$",
  ])("%s is safe", (pattern) => {
    expect(patternVerdict(pattern).status).toBe("safe");
  });

  it("says unknown, with the reason, for a pattern it cannot read", () => {
    const verdict = patternVerdict("^\\p{Script=Kawi}+$");
    expect(verdict.status).toBe("unknown");
    expect(verdict).toMatchObject({ reason: expect.stringContaining("Script=Kawi") });
  });

  it("quotes the hotspot and an attack string", () => {
    const verdict = patternVerdict("^(x*)*y$");
    expect(verdict).toMatchObject({ status: "vulnerable", hotspots: ["x"], attack: expect.stringContaining("'x'.repeat(") });
  });
});

describe("isProvablyLinear (the fast path that skips recheck)", () => {
  it.each(["^[a-z0-9-]+$", "^[0-9]{5}$", "^\\d{4}-\\d{2}-\\d{2}$", "^[A-Z]{2}[0-9]+$", "^a*b?c+$", "^[^,]+,[^,]*$", "^\\S+\\s\\S+$", "^[\\w.]+$", "^x{1,3}y"])(
    "%s is proved linear",
    (pattern) => {
      expect(isProvablyLinear(pattern, "u")).toBe(true);
    },
  );

  it.each([
    // Neighbours that can read the same character.
    "^\\d+\\d+$",
    "^a*a*$",
    "^a*b?a*$",
    "^\\w+\\d$",
    "^[a-z]+[^0-9]$",
    "^.*x$",
    "^\\S+\\w$",
    "^[\\s\\S]*:$",
    // Outside the class the tokenizer reads.
    "[0-9]+$",
    "^(a+)+$",
    "^(?:ab)+$",
    "^a|b$",
    "^(a)\\1$",
    "^(?=a)a+$",
    "^a+?b$",
    "^\\p{L}+$",
    "^[[a]+$",
    "^a$b",
  ])("%s is left to recheck", (pattern) => {
    expect(isProvablyLinear(pattern, "u")).toBe(false);
  });

  it("reads patterns only with the u flag Ajv uses", () => {
    expect(isProvablyLinear("^a+$", "")).toBe(false);
    expect(isProvablyLinear("^a+$", "ui")).toBe(false);
  });

  it("calls safe only what recheck calls safe", { timeout: 120_000 }, () => {
    const checkSync = (createRequire(import.meta.url)("recheck") as { checkSync: typeof CheckSync }).checkSync;
    const atom = fc.constantFrom("a", "b", "-", ".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\.", "[a-z]", "[^a]", "[0-9-]", "[ab]", "[\\w-]", "[^\\s]");
    const quantifier = fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{2,}");
    const pattern = fc
      .tuple(fc.array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 5 }), fc.boolean())
      .map(([items, anchored]) => `^${items.map(([a, q]) => a + q).join("")}${anchored ? "$" : ""}`)
      .filter((p) => isProvablyLinear(p, "u"));
    fc.assert(
      fc.property(pattern, (p) => {
        expect(checkSync(p, "u").status).toBe("safe");
      }),
      { numRuns: 40 },
    );
  });
});

describe("ajv-formats", () => {
  it("SLOW_FORMATS lists exactly the formats whose pattern backtracks", { timeout: 120_000 }, () => {
    const require = createRequire(import.meta.url);
    const { fullFormats } = require("ajv-formats/dist/formats") as { fullFormats: Record<string, unknown> };
    const slow: string[] = [];
    for (const [name, format] of Object.entries(fullFormats)) {
      const regex = format instanceof RegExp ? format : (format as { validate?: unknown } | undefined)?.validate;
      if (!(regex instanceof RegExp)) continue;
      if (patternVerdict(regex.source, regex.flags).status === "vulnerable") slow.push(name);
    }
    expect(slow.sort()).toEqual(Object.keys(SLOW_FORMATS).sort());
  });

  it("url is slow in V8 indeed", () => {
    const require = createRequire(import.meta.url);
    const { fullFormats } = require("ajv-formats/dist/formats") as { fullFormats: { url: RegExp } };
    const started = performance.now();
    fullFormats.url.test(`ftp://172.30.3.56${"4.1.6.7:155".repeat(8000)}\0`);
    expect(performance.now() - started).toBeGreaterThan(100);
  });
});
