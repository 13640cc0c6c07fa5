import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { DocTag } from "../typescript/jsdoc.js";
import { findTag, hasTag, type McpcTag } from "../typescript/mcpc-tags.js";
import type { ToolAnnotations } from "./tool-spec.js";

const ANNOTATION_TAGS: Partial<Record<McpcTag, keyof ToolAnnotations>> = {
  readOnly: "readOnlyHint",
  destructive: "destructiveHint",
  idempotent: "idempotentHint",
  openWorld: "openWorldHint",
};

/** Tool annotations from tags: a bare tag is true, `false` written out is false, no tag leaves the key out. */
export function readAnnotations(tags: readonly DocTag[], bag: DiagnosticBag): ToolAnnotations | undefined {
  const out: ToolAnnotations = {};
  let any = false;
  for (const tag of tags) {
    const key = ANNOTATION_TAGS[tag.name as McpcTag];
    if (key === undefined) continue;
    if (tag.text === "" || tag.text === "true") out[key] = true;
    else if (tag.text === "false") out[key] = false;
    else {
      bag.report(Messages.InvalidTagValue, { tag: tag.name, value: tag.text, expected: "nothing, 'true' or 'false'" }, tag.node);
      continue;
    }
    any = true;
  }
  return any ? out : undefined;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `@timeout 30s` (ms, s, m, h; a bare number is milliseconds); `@timeout 0` means none. */
export function readTimeout(tags: readonly DocTag[], bag: DiagnosticBag): number | undefined {
  const tag = findTag(tags, "timeout");
  if (tag === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/.exec(tag.text);
  if (match === null) {
    bag.report(Messages.InvalidTagValue, { tag: "timeout", value: tag.text, expected: "a duration such as 500ms, 30s or 2m" }, tag.node);
    return undefined;
  }
  return Math.round(Number(match[1]) * UNITS[match[2] ?? "ms"]!);
}

/** The dialect the spec (2025-11-25) gives tool schemas by default. */
export const JSON_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

/**
 * `@jsonSchemaDialect` writes `$schema` into the tool's input schema. Off by
 * default: the OpenAI and Gemini APIs reject a `$schema` key.
 */
export function declaresDialect(tags: readonly DocTag[]): boolean {
  return hasTag(tags, "jsonSchemaDialect");
}
