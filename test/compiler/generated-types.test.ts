// Generator-based compiler test: fast-check builds random TypeScript types
// from a small grammar (primitives, literals, unions, arrays, optional
// properties, nested objects, nullable, tuples, Record<string, T>), writes them as tool parameters into
// one file (one compile for the whole batch: a program is the expensive part),
// and checks that mcpc either emits a schema that agrees with a reference
// judge on sampled values, or refuses the tool with a located diagnostic, and
// never crashes. The judge is tsc-independent: it reads the same type tree the
// generator rendered, with TypeScript's rules for JSON values (an object
// literal with a property the type does not declare is refused, as tsc's
// excess-property check does; an optional property may be absent).
//
// Fixed seed in `npm test`; MCPC_FUZZ_LONG=1 draws more types with a random
// seed (printed). Replay with MCPC_FUZZ_SEED=<seed>.
import fc from "fast-check";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../compiler/index.js";
import { OUT, ROOT } from "../helpers/paths.js";

const require = createRequire(import.meta.url);
const LONG = process.env.MCPC_FUZZ_LONG === "1";
const SEED = process.env.MCPC_FUZZ_SEED !== undefined ? Number(process.env.MCPC_FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 20261124;
const TYPES = Number(process.env.MCPC_GEN_TYPES ?? (LONG ? 200 : 40));
const SAMPLES_PER_TYPE = 40;

if (LONG || process.env.MCPC_FUZZ_SEED !== undefined) process.stderr.write(`generated-types: seed ${SEED}, ${TYPES} types\n`);

// --- the grammar -------------------------------------------------------------

type Type =
  | { kind: "string" | "number" | "boolean" | "null" }
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "union"; members: Type[] }
  | { kind: "array"; items: Type }
  | { kind: "tuple"; items: Type[] }
  | { kind: "record"; values: Type }
  | { kind: "object"; props: { name: string; optional: boolean; type: Type }[] };

const primitive: fc.Arbitrary<Type> = fc.constantFrom<Type>({ kind: "string" }, { kind: "number" }, { kind: "boolean" }, { kind: "null" });
const literal: fc.Arbitrary<Type> = fc.oneof(fc.constantFrom("a", "b", "", "x y"), fc.integer({ min: -3, max: 3 }), fc.boolean()).map((value) => ({ kind: "literal", value }));

const { type: typeArb } = fc.letrec<{ type: Type }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    literal,
    fc.array(tie("type"), { minLength: 2, maxLength: 3 }).map((members): Type => ({ kind: "union", members })),
    tie("type").map((items): Type => ({ kind: "array", items })),
    fc.array(tie("type"), { minLength: 1, maxLength: 3 }).map((items): Type => ({ kind: "tuple", items })),
    tie("type").map((values): Type => ({ kind: "record", values })),
    tie("type").map((inner): Type => ({ kind: "union", members: [inner, { kind: "null" }] })), // nullable
    fc
      .uniqueArray(fc.record({ name: fc.constantFrom("a", "b", "c", "d", "e"), optional: fc.boolean(), type: tie("type") }), { selector: (p) => p.name, maxLength: 4 })
      .map((props): Type => ({ kind: "object", props })),
  ),
}));

function render(type: Type): string {
  switch (type.kind) {
    case "literal":
      return JSON.stringify(type.value);
    case "union":
      return `(${type.members.map(render).join(" | ")})`;
    case "array":
      return `Array<${render(type.items)}>`;
    case "tuple":
      return `[${type.items.map(render).join(", ")}]`;
    case "record":
      return `Record<string, ${render(type.values)}>`;
    case "object":
      return `{ ${type.props.map((p) => `${p.name}${p.optional ? "?" : ""}: ${render(p.type)};`).join(" ")} }`;
    default:
      return type.kind;
  }
}

// --- the judge -----------------------------------------------------------------

function accepts(type: Type, value: unknown): boolean {
  switch (type.kind) {
    case "string":
    case "number":
    case "boolean":
      return typeof value === type.kind;
    case "null":
      return value === null;
    case "literal":
      return value === type.value;
    case "union":
      return type.members.some((m) => accepts(m, value));
    case "array":
      return Array.isArray(value) && value.every((v) => accepts(type.items, v));
    case "tuple":
      return Array.isArray(value) && value.length === type.items.length && type.items.every((t, i) => accepts(t, value[i]));
    case "record":
      return value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((v) => accepts(type.values, v));
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      const declared = new Set(type.props.map((p) => p.name));
      if (Object.keys(record).some((k) => !declared.has(k))) return false;
      return type.props.every((p) => (p.name in record ? accepts(p.type, record[p.name]) : p.optional));
    }
  }
}

// --- samples: values of the type, then mutated at random places ------------------

function valueOf(type: Type): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case "string":
      return fc.string({ maxLength: 4 });
    case "number":
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "literal":
      return fc.constant(type.value);
    case "union":
      return fc.oneof(...type.members.map(valueOf));
    case "array":
      return fc.array(valueOf(type.items), { maxLength: 3 });
    case "tuple":
      return fc.tuple(...type.items.map(valueOf));
    case "record":
      return fc.dictionary(fc.constantFrom("k", "stray", "a", "__proto__x"), valueOf(type.values), { maxKeys: 3 });
    case "object":
      return fc.record(Object.fromEntries(type.props.map((p) => [p.name, valueOf(p.type)])), {
        requiredKeys: type.props.filter((p) => !p.optional).map((p) => p.name),
      });
  }
}

/** Replaces one random place of a value with a random JSON value, or adds a stray key. */
function mutate(value: unknown, choice: number, replacement: unknown): unknown {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length > 0 && choice % 3 !== 0) {
      const [key, inner] = entries[choice % entries.length]!;
      const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
      (copy as Record<string, unknown>)[key] = mutate(inner, Math.floor(choice / 3), replacement);
      return copy;
    }
    if (!Array.isArray(value) && choice % 6 === 0) return { ...(value as Record<string, unknown>), stray: replacement };
  }
  return replacement;
}

const sampleOf = (type: Type): fc.Arbitrary<unknown> =>
  fc.oneof(valueOf(type), fc.tuple(valueOf(type), fc.nat(1000), fc.jsonValue({ maxDepth: 2 })).map(([v, c, r]) => mutate(v, c, r)), fc.jsonValue({ maxDepth: 2 }));

// --- the test ----------------------------------------------------------------------

describe("generated types", () => {
  it(`${TYPES} random types: the schema agrees with the judge, or the tool is refused with a diagnostic (seed ${SEED})`, { timeout: LONG ? 3600_000 : 120_000 }, async () => {
    const types = fc.sample(typeArb, { seed: SEED, numRuns: TYPES });
    const dir = join(OUT, "generated-types");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "src"), { recursive: true });
    const entry = join(dir, "src", "tools.ts");
    // Six lines per tool, so a diagnostic's line says which tool it refuses.
    const block = (i: number): string => `export type T${i} = ${render(types[i]!)};\n/** Tool ${i}. */\nexport function t${i}(value: T${i}): number {\n  return ${i};\n}\n\n`;

    // Round one: every type. Tools refused with a located diagnostic are left
    // out of round two, which must then build cleanly.
    let included = types.map((_, i) => i);
    const refused: string[] = [];
    let built: Awaited<ReturnType<typeof build>> | undefined;
    for (let round = 0; round < 2; round++) {
      writeFileSync(entry, included.map(block).join(""));
      // Never a crash: build resolves, whatever the types.
      built = await build({ entries: [entry], cwd: ROOT, outDir: join(dir, "out") });
      const errors = built.diagnostics.filter((d) => d.severity === "error");
      if (errors.length === 0) break;
      expect(round, `round two still has errors: ${JSON.stringify(errors)}`).toBe(0);
      const out = new Set<number>();
      for (const d of errors) {
        expect(d.code, JSON.stringify(d)).toMatch(/^MCPC\d{4}$/);
        expect(d.code, d.message).not.toBe("MCPC9001"); // internal error
        expect(d.file, JSON.stringify(d)).toBe(entry);
        expect(d.line, JSON.stringify(d)).toBeGreaterThan(0);
        const index = included[Math.floor((d.line! - 1) / 6)]!;
        out.add(index);
        // The one thing this grammar can write that mcpc rightly refuses: an object type with no properties.
        expect(render(types[index]!), d.message).toContain("{  }");
        refused.push(`T${index} = ${render(types[index]!)}: ${d.code} ${d.message}`);
      }
      included = included.filter((i) => !out.has(i));
    }
    if (refused.length > 0) console.info(`generated-types: ${refused.length} refused\n${refused.join("\n")}`);
    // Most types must build.
    expect(included.length).toBeGreaterThan(TYPES * 0.7);
    const validators = require(join(dir, "out", "validators.cjs")) as Record<string, (value: unknown) => boolean>;
    const disagreements: string[] = [];
    let checked = 0;
    let judgedValid = 0;
    built!.tools.forEach((tool, i) => {
      const n = Number(tool.exportName.slice(1));
      const type = types[n]!;
      const validate = validators[`tool${i}_input`]!;
      for (const value of fc.sample(sampleOf(type), { seed: SEED + n, numRuns: SAMPLES_PER_TYPE })) {
        const sent = JSON.parse(JSON.stringify({ value })) as { value: unknown };
        if (!("value" in sent)) continue; // undefined does not travel
        checked++;
        const expected = accepts(type, sent.value);
        if (expected) judgedValid++;
        if (validate(sent) !== expected) {
          disagreements.push(`T${n} = ${render(type)}: ${JSON.stringify(sent.value)} is ${expected ? "valid" : "invalid"}, the schema says otherwise`);
        }
      }
    });
    expect(built!.tools).toHaveLength(included.length);
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(included.length * SAMPLES_PER_TYPE * 0.9);
    // Both sides of the line are exercised: neither all-valid nor all-invalid samples.
    expect(judgedValid / checked).toBeGreaterThan(0.2);
    expect(judgedValid / checked).toBeLessThan(0.8);
  });
});
