// validators.cjs: one Ajv validator per distinct set of constraints, shared
// by every schema that validates alike (compiler/3-emit/validators.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { validationSchema } from "../../compiler/3-emit/validation-schema.js";
import { buildSample, sampleDir } from "../helpers/samples.js";
import { OUT } from "../helpers/paths.js";

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ keyword: string; params: Record<string, unknown> }> | null };

describe("validators.cjs", () => {
  let source: string;
  let validators: Record<string, Validate>;
  beforeAll(async () => {
    const { outDir } = await buildSample(sampleDir("servers", "shared-validators"), join(OUT, "shared-validators"));
    const file = join(outDir, "validators.cjs");
    source = readFileSync(file, "utf8");
    validators = createRequire(import.meta.url)(file);
  });

  it("compiles schemas that differ only in descriptions once, and exports that function under both keys", () => {
    const inputs = ["tool0_input", "tool1_input", "tool2_input"].map((k) => validators[k]);
    // save_note and preview_note (descriptions differ), count_words (another schema).
    expect(new Set(inputs).size).toBe(2);
    // The two distinct inputs, and count_words' result ({ result: number }).
    expect(source.match(/^const v\d+ = \(\(\) => \{$/gm)).toHaveLength(3);
    expect(source).toMatch(/^exports\.tool0_input = v0;\nexports\.tool1_input = v0;$/m);
  });

  it("keeps a property named 'description' as a property the shared validator requires", () => {
    const [save, preview] = [validators.tool0_input!, validators.tool1_input!];
    for (const validate of [save, preview]) {
      expect(validate({ note: { title: "t", description: "d" } })).toBe(true);
      expect(validate({ note: { title: "t" } })).toBe(false);
      expect(validate.errors?.[0]).toMatchObject({ keyword: "required", params: { missingProperty: "description" } });
    }
  });

  it("drops annotations only where a schema stands, in every place a subschema can", () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      description: "root",
      type: "object",
      properties: { description: { type: "string", description: "kept as a property" }, title: { type: "string", default: "x" } },
      prefixItems: [{ type: "number", examples: [1] }],
      anyOf: [{ title: "a", type: "string" }],
      items: { deprecated: true, type: "string" },
      $defs: { Node: { description: "n", type: "object", additionalProperties: { readOnly: true, type: "number" } } },
      enum: [{ description: "data, not an annotation" }],
      required: ["description", "title"],
    };
    expect(validationSchema(schema)).toEqual({
      type: "object",
      properties: { description: { type: "string" }, title: { type: "string" } },
      prefixItems: [{ type: "number" }],
      anyOf: [{ type: "string" }],
      items: { type: "string" },
      $defs: { Node: { type: "object", additionalProperties: { type: "number" } } },
      enum: [{ description: "data, not an annotation" }],
      required: ["description", "title"],
    });
  });
});
