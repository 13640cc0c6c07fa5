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
    expect(source.match(/^const v\d+ = boundedValidator\(\(\(\) => \{$/gm)).toHaveLength(3);
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

// Issue 16: the work one validation may cost is bounded (fixtures/servers/worst-shapes).
describe("bounded validators", () => {
  let validators: Record<string, Validate & { errors?: Array<{ keyword: string; params: Record<string, unknown>; message?: string }> & { truncated?: boolean } }>;
  beforeAll(async () => {
    const { outDir } = await buildSample(sampleDir("servers", "worst-shapes"), join(OUT, "worst-shapes"));
    validators = createRequire(import.meta.url)(join(outDir, "validators.cjs"));
  });
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, name: `row ${i}`, tags: ["a", "b"] }));

  it("checks uniqueItems of objects in linear time: 100,000 rows in well under a second", () => {
    const distinct = validators.tool0_input!;
    const start = process.cpuUsage();
    expect(distinct({ rows: rows(100_000) })).toBe(true);
    const { user, system } = process.cpuUsage(start);
    // Ajv's pairwise check took about 12 s for 20,000 rows on this machine.
    expect((user + system) / 1000).toBeLessThan(1500);
  });

  it("finds duplicates as JSON Schema equality says, with Ajv's error", () => {
    const distinct = validators.tool0_input!;
    const some = rows(5);
    // The same row with its keys in another order and a number written differently is a duplicate.
    const again = JSON.parse('{"tags":["a","b"],"name":"row 1","id":1.0}');
    expect(distinct({ rows: [...some, again] })).toBe(false);
    expect(distinct.errors).toEqual([
      expect.objectContaining({ keyword: "uniqueItems", instancePath: "/rows", params: { i: 5, j: 1 }, message: "must NOT have duplicate items (items ## 1 and 5 are identical)" }),
    ]);
    // Arrays are ordered: the same tags in another order are another row.
    expect(distinct({ rows: [...some, { id: 1, name: "row 1", tags: ["b", "a"] }] })).toBe(true);
    expect(distinct({ rows: [{ id: 1, name: "x", tags: [] }, { id: 1, name: "x", tags: [""] }] })).toBe(true);
  });

  it("stops collecting errors at its bound and says the list is cut", () => {
    const wide = validators.tool4_input!;
    const start = process.cpuUsage();
    expect(wide({ items: Array.from({ length: 200_000 }, () => ({})) })).toBe(false);
    const { user, system } = process.cpuUsage(start);
    expect(wide.errors).toHaveLength(100);
    expect(wide.errors?.truncated).toBe(true);
    // 3.2 million errors took seconds; the bounded run stops after 100.
    expect((user + system) / 1000).toBeLessThan(200);
    // A few faults: all of them, not marked as cut.
    expect(wide({ items: [{}] })).toBe(false);
    expect(wide.errors).toHaveLength(16);
    expect(wide.errors?.truncated).toBeUndefined();
  });

  it("keeps the verdict where errors are taken back: a union of arrays with thousands of items of the second kind", () => {
    const mixed = validators.tool3_input!;
    expect(mixed({ values: Array.from({ length: 5000 }, (_, i) => `s${i}`) })).toBe(true);
    expect(mixed.errors).toBeNull();
    expect(mixed({ values: [...Array.from({ length: 5000 }, (_, i) => `s${i}`), 1] })).toBe(false);
    expect(mixed.errors?.length).toBeGreaterThan(0);
    expect(mixed({ values: [1, 2, 3] })).toBe(true);
  });
});
