import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { DocTag } from "../typescript/jsdoc.js";
import type { SchemaTag } from "../typescript/mcpc-tags.js";
import { reportMisspeltTags } from "../typescript/misspelt-tags.js";
import type { JsonSchema } from "./json-schema.js";

type Fits = "number" | "string" | "array" | "any";
type ValueKind = "number" | "integer" | "count" | "none" | "regex" | "text" | "json" | "reason";

interface TagRule {
  fits: Fits;
  value: ValueKind;
  /** The JSON Schema keyword written; defaults to the tag's name. */
  keyword?: string;
}

/** The JSDoc tags that become JSON Schema keywords, and what each applies to (every schema tag of MCPC_TAGS but `@json`). */
export const CONSTRAINT_TAGS: Record<Exclude<SchemaTag, "json">, TagRule> = {
  minimum: { fits: "number", value: "number" },
  maximum: { fits: "number", value: "number" },
  exclusiveMinimum: { fits: "number", value: "number" },
  exclusiveMaximum: { fits: "number", value: "number" },
  multipleOf: { fits: "number", value: "number" },
  integer: { fits: "number", value: "none" },
  minLength: { fits: "string", value: "count" },
  maxLength: { fits: "string", value: "count" },
  pattern: { fits: "string", value: "regex" },
  format: { fits: "string", value: "text" },
  minItems: { fits: "array", value: "count" },
  maxItems: { fits: "array", value: "count" },
  uniqueItems: { fits: "array", value: "none" },
  default: { fits: "any", value: "json" },
  examples: { fits: "any", value: "json" },
  // `@deprecated use X instead`: the reason is for readers of the code.
  deprecated: { fits: "any", value: "reason" },
  title: { fits: "any", value: "text" },
};

const FITS_TEXT: Record<Fits, string> = {
  number: "numbers",
  string: "strings",
  array: "arrays",
  any: "any value",
};

/** Formats Ajv (with ajv-formats) checks, so a misspelt one is caught at compile time. */
export const KNOWN_FORMATS = new Set([
  "date",
  "time",
  "date-time",
  "iso-time",
  "iso-date-time",
  "duration",
  "uri",
  "uri-reference",
  "uri-template",
  "url",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "regex",
  "uuid",
  "json-pointer",
  "json-pointer-uri-fragment",
  "relative-json-pointer",
  "byte",
  "int32",
  "int64",
  "float",
  "double",
  "password",
  "binary",
]);

function kindOf(schema: JsonSchema): Fits | "other" {
  switch (schema.type) {
    case "number":
    case "integer":
      return "number";
    case "string":
      return "string";
    case "array":
      return "array";
    default:
      return "other";
  }
}

function describeKind(schema: JsonSchema): string {
  if (schema.type !== undefined) return `${schema.type === "integer" ? "integer" : schema.type} values`;
  if ("anyOf" in schema) return "a union";
  if ("const" in schema || "enum" in schema) return "literal values";
  return "this type";
}

/**
 * The schema node that value constraints apply to: the node itself, or for
 * `T | null` written as anyOf, its one non-null branch.
 */
function constraintTarget(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf as JsonSchema[] | undefined;
  if (branches === undefined) return schema;
  const nonNull = branches.filter((b) => b.type !== "null");
  return nonNull.length === 1 ? nonNull[0]! : schema;
}

/**
 * Applies recognised tags to a schema, reporting bad values and misfits.
 * Unknown tags are left to other tools, with a warning where one looks like a
 * misspelt tag of mcpc's.
 * `once`: an alias's tags apply wherever it is written; a problem with one is reported once, at the tag.
 */
export function applyTags(schema: JsonSchema, tags: readonly DocTag[], bag: DiagnosticBag, options: { once?: boolean } = {}): void {
  reportMisspeltTags(tags, "schema", bag);
  const reporter = options.once ? bag.reportOnce.bind(bag) : bag.report.bind(bag);
  for (const tag of tags) {
    const rule = (CONSTRAINT_TAGS as Record<string, TagRule | undefined>)[tag.name];
    if (rule === undefined) continue;
    const value = parseValue(tag, rule.value, reporter);
    if (value === INVALID) continue;
    if (rule.fits === "any") {
      if (tag.name === "deprecated") schema.deprecated = true;
      else if (tag.name === "examples") schema.examples = Array.isArray(value) ? value : [value];
      else schema[rule.keyword ?? tag.name] = value;
      continue;
    }
    const target = constraintTarget(schema);
    const kind = kindOf(target);
    if (kind !== rule.fits) {
      reporter(Messages.TagDoesNotFit, { tag: tag.name, kind: describeKind(target), fits: FITS_TEXT[rule.fits] }, tag.node);
      continue;
    }
    if (tag.name === "integer") target.type = "integer";
    else if (tag.name === "uniqueItems") target.uniqueItems = true;
    else target[rule.keyword ?? tag.name] = value;
  }
}

const INVALID = Symbol("invalid");

function parseValue(tag: DocTag, kind: ValueKind, report: DiagnosticBag["report"]): unknown {
  const text = tag.text;
  const bad = (expected: string) => {
    report(Messages.InvalidTagValue, { tag: tag.name, value: text, expected }, tag.node);
    return INVALID;
  };
  switch (kind) {
    case "reason":
      return true;
    case "none":
      return text === "" || text === "true" ? true : bad("no value");
    case "number": {
      const n = Number(text);
      return text !== "" && Number.isFinite(n) ? n : bad("a number");
    }
    case "integer":
    case "count": {
      const n = Number(text);
      return text !== "" && Number.isInteger(n) && n >= 0 ? n : bad("a whole number of 0 or more");
    }
    case "regex":
      if (text === "") return bad("a regular expression");
      try {
        new RegExp(text, "u");
        return text;
      } catch {
        return bad("a valid regular expression (JavaScript syntax, Unicode mode)");
      }
    case "text":
      if (text === "") return bad("a value");
      if (tag.name === "format" && !KNOWN_FORMATS.has(text)) return bad(`one of the formats ${[...KNOWN_FORMATS].join(", ")}`);
      return text;
    case "json":
      if (text === "") return bad("a value");
      try {
        return JSON.parse(text);
      } catch {
        // A bare word is a string: `@default celsius`.
        return /^[^\s"{}[\]]+$/.test(text) ? text : bad("a JSON value");
      }
  }
}
