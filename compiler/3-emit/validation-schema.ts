import type { JsonSchema } from "../schema/json-schema.js";

/** Keywords that describe a value without constraining it (JSON Schema 2020-12's meta-data vocabulary, and `$schema`). */
const ANNOTATIONS = new Set(["$schema", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"]);

/** Keywords whose value is one subschema, an array of them, or a map of names to them. */
const SUBSCHEMA = new Set(["items", "not", "additionalProperties", "propertyNames", "contains", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties"]);
const SUBSCHEMA_ARRAY = new Set(["prefixItems", "anyOf", "oneOf", "allOf"]);
const SUBSCHEMA_MAP = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);

/**
 * The schema as a validator sees it: the same constraints without the
 * annotations. Two tools whose types differ only in their descriptions then
 * share one compiled validator (Ajv's code generation is most of an emit's
 * time), and a description edit leaves validators.cjs as it was. Only
 * schema positions are walked: a property *named* "description" stays.
 */
export function validationSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (SUBSCHEMA.has(keyword)) out[keyword] = validationSchema(value as JsonSchema);
    else if (SUBSCHEMA_ARRAY.has(keyword) && Array.isArray(value)) out[keyword] = value.map((s) => validationSchema(s as JsonSchema));
    else if (SUBSCHEMA_MAP.has(keyword) && typeof value === "object" && value !== null) {
      out[keyword] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, validationSchema(s as JsonSchema)]));
    } else out[keyword] = value;
  }
  return out as JsonSchema;
}
