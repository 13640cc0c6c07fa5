import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { DocTag } from "../typescript/jsdoc.js";
import type { McpcTag, SchemaTag } from "../typescript/mcpc-tags.js";
import { reportMisspeltTags } from "../typescript/misspelt-tags.js";
import type { JsonSchema } from "./json-schema.js";
import { AJV_PATTERN_FLAGS, patternVerdict } from "./pattern-safety.js";

type Fits = "number" | "string" | "array" | "any";
type ValueKind = "number" | "integer" | "count" | "none" | "regex" | "text" | "json" | "reason";

interface TagRule {
  fits: Fits;
  value: ValueKind;
  /** The JSON Schema keyword written; defaults to the tag's name. */
  keyword?: string;
}

/** The JSDoc tags that become JSON Schema keywords, and what each applies to (every schema tag of MCPC_TAGS but `@json` and `@trustPattern`, which write no keyword). */
export const CONSTRAINT_TAGS: Record<Exclude<SchemaTag, "json" | "trustPattern">, TagRule> = {
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

/**
 * Beside `@pattern`: keep the pattern without the ReDoS check (the author
 * has reviewed it; see docs/schema-shapes.md).
 */
export const TRUST_PATTERN_TAG = "trustPattern" satisfies McpcTag;

const FITS_TEXT: Record<Fits, string> = {
  number: "numbers",
  string: "strings",
  array: "arrays",
  any: "any value",
};

/**
 * Formats that ajv-formats checks with a pattern that backtracks, and how:
 * refused like a slow `@pattern` (`@trustPattern` keeps one knowingly).
 * test/compiler/pattern-safety.test.ts derives this list from ajv-formats with
 * recheck, so an upgrade that fixes or breaks a format fails it.
 */
export const SLOW_FORMATS: Readonly<Record<string, string>> = {
  url: "quadratic time on a long run such as '4.1.6.7:155' repeated after 'ftp://172.30.3.56'",
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
  const trustPattern = tags.some((t) => t.name === TRUST_PATTERN_TAG);
  for (const tag of tags) {
    const rule = (CONSTRAINT_TAGS as Record<string, TagRule | undefined>)[tag.name];
    if (rule === undefined) continue;
    let value = parseValue(tag, rule.value, reporter);
    if (rule.value === "regex" && value !== INVALID && !trustPattern) value = checkBacktracking(tag, value as string, bag);
    if (tag.name === "format" && typeof value === "string" && Object.hasOwn(SLOW_FORMATS, value) && !trustPattern) {
      bag.reportOnce(Messages.SlowFormat, { format: value, how: SLOW_FORMATS[value]! }, tag.node);
      continue;
    }
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
        new RegExp(text, AJV_PATTERN_FLAGS);
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

/**
 * A pattern the server would match in exponential or polynomial time is an
 * error: it is not written, so nothing (not even the check of a `@default`
 * at compile time) runs it. One the analyser cannot decide is a warning and
 * is kept: refusing every pattern it gives up on would refuse safe ones too.
 */
function checkBacktracking(tag: DocTag, pattern: string, bag: DiagnosticBag): string | typeof INVALID {
  const verdict = patternVerdict(pattern);
  switch (verdict.status) {
    case "safe":
      return pattern;
    case "vulnerable":
      // Once per tag: a tag on a type alias is applied wherever the alias is used.
      bag.reportOnce(Messages.UnsafePattern, { pattern, complexity: verdict.complexity, hotspots: verdict.hotspots, attack: verdict.attack }, tag.node);
      return INVALID;
    case "unknown":
      bag.reportOnce(Messages.PatternNotChecked, { pattern, reason: verdict.reason }, tag.node);
      return pattern;
  }
}
