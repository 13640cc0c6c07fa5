import { createRequire } from "node:module";
import type { JsonSchema } from "./json-schema.js";

const require = createRequire(import.meta.url);

type Validate = ((value: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
let ajv: { compile(schema: JsonSchema): Validate } | undefined;

/**
 * Why a `@default` (or a parameter's default value) breaks the schema it sits
 * in, or undefined when it fits. The schema's own keywords, JSDoc constraints
 * included, are the judge: Ajv, as the emitted validators use it.
 */
export function defaultProblem(schema: JsonSchema): string | undefined {
  if (!("default" in schema) || containsRef(schema)) return undefined;
  if (ajv === undefined) {
    const Ajv2020 = require("ajv/dist/2020").default as new (options: object) => { compile(schema: JsonSchema): Validate };
    const addFormats = require("ajv-formats").default as (ajv: object) => void;
    ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
    addFormats(ajv);
  }
  const { default: value, ...rest } = schema;
  let validate: Validate;
  try {
    validate = ajv.compile(rest);
  } catch {
    return undefined;
  }
  if (validate(value)) return undefined;
  const first = validate.errors?.[0];
  return `${JSON.stringify(value)} ${first?.instancePath ? `at ${first.instancePath} ` : ""}${first?.message ?? "is refused"}`;
}

function containsRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsRef);
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([k, v]) => k === "$ref" || containsRef(v));
}
