// Property-based checks (fast-check) where a generator can stand for "every
// value of the type": thousands of values instead of a few hand-picked samples.
// Each property builds a schema fixture and runs the emitted validators.
import { createRequire } from "node:module";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { reviveArguments } from "../../runtime/revive.js";
import type { ToolSpec } from "../../compiler/2-analyze/tool-spec.js";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES } from "../helpers/paths.js";

const require = createRequire(import.meta.url);
type Validate = (value: unknown) => boolean;

interface Built {
  input: Record<string, Validate>;
  tools: ToolSpec[];
}

async function load(name: string): Promise<Built> {
  const built = await buildFixture(join(FIXTURES, "schemas", name, "input.ts"), `properties-${name}`);
  const validators = require(join(built.outDir, "validators.cjs")) as Record<string, Validate>;
  const input: Record<string, Validate> = {};
  built.tools.forEach((tool, i) => (input[tool.name] = validators[`tool${i}_input`]!));
  return { input, tools: built.tools };
}

const RUNS = { numRuns: 300 };
let templates: Built;
let json: Built;
let records: Built;
let dates: Built;
let primitives: Built;
let enums: Built;

beforeAll(async () => {
  [templates, json, records, dates, primitives, enums] = await Promise.all([
    load("template-literals"),
    load("json-opt-in"),
    load("records"),
    load("dates-urls"),
    load("primitives"),
    load("enums"),
  ]);
});

describe("primitives against JavaScript's own typeof", () => {
  it("for any JSON value v: string accepts v exactly when typeof v is 'string', and so on", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(primitives.input.primitives!({ text: v, count: 1 })).toBe(typeof v === "string");
        expect(primitives.input.primitives!({ text: "", count: v })).toBe(typeof v === "number");
        expect(primitives.input.primitives!({ text: "", count: 1, flag: v })).toBe(typeof v === "boolean");
      }),
      RUNS,
    );
  });
});

describe("enums", () => {
  it("accept exactly the enum's values", () => {
    const colors = new Set<unknown>(["red", "green", "blue"]);
    const base = { color: "red", priority: 1, direction: "UP", only: "red", list: [] };
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("red", "green", "blue", "Red")), fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double()), (color, priority) => {
        expect(enums.input.paint!({ ...base, color })).toBe(colors.has(color));
        expect(enums.input.paint!({ ...base, priority })).toBe([1, 2, 3].includes(priority));
      }),
      RUNS,
    );
  });
});

describe("template literal patterns", () => {
  const base = { id: "user-1", version: "v1.2", size: "10px", greeting: "hello world" };

  it("`user-${string}` accepts the prefix followed by any string, and nothing without it", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => templates.input.style!({ ...base, id: `user-${s}` })), RUNS);
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.startsWith("user-")),
        (s) => !templates.input.style!({ ...base, id: s }),
      ),
      RUNS,
    );
  });

  it("`${number}px` accepts how JavaScript writes every finite number", () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(finite, (n) => templates.input.style!({ ...base, size: `${n}px` }) && templates.input.style!({ ...base, size: `${n}%` })), RUNS);
    fc.assert(fc.property(finite, finite, (a, b) => templates.input.style!({ ...base, version: `v${a}.${b}` })), RUNS);
  });
});

describe("@json opt-in", () => {
  it("accepts every JSON value as the payload and every JSON object as fields", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), (payload, fields) =>
        json.input.store!(JSON.parse(JSON.stringify({ key: "k", payload, fields, meta: {} }))),
      ),
      RUNS,
    );
  });
});

describe("records", () => {
  it("Record<string, number> takes any keys with numbers and refuses any string value", () => {
    const rgb = { r: 0, g: 0, b: 0 };
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(fc.dictionary(fc.string(), finite), (scores) => records.input.records!({ scores, labels: {}, rgb, partial: {} })), RUNS);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string(), { minKeys: 1 }), (scores) => !records.input.records!({ scores, labels: {}, rgb, partial: {} })),
      RUNS,
    );
  });
});

describe("Dates", () => {
  const valid = fc.date({ noInvalidDate: true, min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z") });

  it("every Date's ISO string is accepted, and revives into the same instant at every depth", () => {
    const tool = dates.tools.find((t) => t.name === "schedule")!;
    fc.assert(
      fc.property(valid, valid, (a, b) => {
        const args = JSON.parse(
          JSON.stringify({
            meeting: { title: "t", at: a, attendees: [{ name: "n", joined: b }] },
            site: "https://example.com/",
            event: { kind: "every", days: 1, from: b },
            window: [a, b],
            byDay: { x: a },
          }),
        );
        expect(dates.input.schedule!(args)).toBe(true);
        const revived = reviveArguments(args, tool.revival!);
        expect(revived.meeting.at.getTime()).toBe(a.getTime());
        expect(revived.meeting.attendees[0].joined.getTime()).toBe(b.getTime());
        expect(revived.event.from.getTime()).toBe(b.getTime());
        expect(revived.window.map((d: Date) => d.getTime())).toEqual([a.getTime(), b.getTime()]);
        expect(revived.byDay.x.getTime()).toBe(a.getTime());
        expect(revived.site).toBeInstanceOf(URL);
      }),
      RUNS,
    );
  });
});
