// The oracle: TypeScript itself says which values a tool accepts. Every schema
// fixture exports, per tool `f`,
//   export const valid_f: Parameters<typeof f>[]    samples tsc proves valid
//   export const invalid_f: Parameters<typeof f>[]  each preceded by `// @ts-expect-error`, so tsc proves it invalid
// optionally `constrained_f` (well-typed, but breaking a JSDoc constraint: must be refused),
// and optionally `outputs_f` / `badOutputs_f` typed `Awaited<ReturnType<typeof f>>[]` for the output schema.
// `tsc --noEmit -p fixtures` (in `npm test`) keeps those claims true; this test
// builds each fixture, runs every sample through the emitted Ajv validators and
// lists every place where the schema and the type checker disagree.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { ParameterBinding, ToolSpec } from "../../compiler/2-analyze/tool-spec.js";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES } from "../helpers/paths.js";

const require = createRequire(import.meta.url);
type Validate = ((value: unknown) => boolean) & { errors?: unknown };

/** Positional samples to the arguments object a client sends, as JSON (a Date becomes its ISO string). */
function toArguments(sample: readonly unknown[], bindings: readonly ParameterBinding[]): unknown {
  let args: Record<string, unknown> = {};
  bindings.forEach((binding, i) => {
    if (binding.kind === "named") args[binding.name] = sample[i];
    else if (binding.kind === "rest") args[binding.name] = sample.slice(i);
    else if (binding.kind === "whole") args = sample[i] as Record<string, unknown>;
  });
  // Arguments past the declared ones (a sample that tsc refuses for its length)
  // arrive as properties the schema does not declare.
  if (!bindings.some((b) => b.kind === "rest")) for (let i = bindings.length; i < sample.length; i++) args[`extra${i}`] = sample[i];
  return JSON.parse(JSON.stringify(args ?? null));
}

function asJson(value: unknown, tool: ToolSpec): unknown {
  const sent = tool.result === "wrapped" ? { result: value } : value;
  return JSON.parse(JSON.stringify(sent) ?? "null");
}

const cases = readdirSync(join(FIXTURES, "schemas"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

let total = 0;

describe("the emitted validators agree with tsc on every sample", () => {
  for (const name of cases) {
    it(name, async () => {
      const built = await buildFixture(join(FIXTURES, "schemas", name, "input.ts"), `oracle-${name}`);
      const server = readFileSync(built.serverPath, "utf8");
      const entry = /import \* as entry0 from "(\.\/[^"]+)"/.exec(server)![1]!;
      const module = (await import(pathToFileURL(join(built.outDir, entry)).href)) as Record<string, unknown[] | undefined>;
      const validators = require(join(built.outDir, "validators.cjs")) as Record<string, Validate>;
      const disagreements: string[] = [];
      built.tools.forEach((tool, i) => {
        const f = tool.exportName;
        const valid = module[`valid_${f}`];
        const invalid = module[`invalid_${f}`];
        expect(valid, `${name}: valid_${f} is missing`).toBeInstanceOf(Array);
        expect(invalid, `${name}: invalid_${f} is missing`).toBeInstanceOf(Array);
        const check = (samples: unknown[] | undefined, validate: Validate | undefined, expected: boolean, label: string, toValue: (s: unknown) => unknown) => {
          for (const [n, sample] of (samples ?? []).entries()) {
            if (validate === undefined) throw new Error(`${name}: ${label} given but tool '${tool.name}' has no such validator`);
            total++;
            const value = toValue(sample);
            if (validate(value) !== expected) {
              disagreements.push(`${label}[${n}] ${JSON.stringify(value)}: tsc says ${expected ? "valid" : "invalid"}, the schema says ${expected ? "invalid" : "valid"}`);
            }
          }
        };
        const args = (s: unknown) => toArguments(s as unknown[], tool.bindings);
        check(valid, validators[`tool${i}_input`], true, `valid_${f}`, args);
        check(invalid, validators[`tool${i}_input`], false, `invalid_${f}`, args);
        // Well-typed samples that break a JSDoc constraint tsc cannot see (@minimum, @pattern, ...).
        check(module[`constrained_${f}`], validators[`tool${i}_input`], false, `constrained_${f}`, args);
        const out = (v: unknown) => asJson(v, tool);
        check(module[`outputs_${f}`], validators[`tool${i}_output`], true, `outputs_${f}`, out);
        check(module[`badOutputs_${f}`], validators[`tool${i}_output`], false, `badOutputs_${f}`, out);
      });
      expect(disagreements).toEqual([]);
    });
  }

  it("holds at least 150 samples in all", () => {
    console.info(`oracle: ${total} samples, every one agreeing with tsc`);
    expect(total).toBeGreaterThanOrEqual(150);
  });
});
