import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { FeatureParameters } from "./extract-feature-parameters.js";
import type { DocTag } from "../typescript/jsdoc.js";
import { findTag, hasTag, isTag } from "../typescript/mcpc-tags.js";

export type DeclarationKind = { kind: "tool" } | { kind: "internal" } | { kind: "prompt"; tag: DocTag } | { kind: "resource"; tag: DocTag };

/**
 * What an exported function becomes, from its tags: `@internal` keeps it out
 * of the server, `@resource <uri>` makes it a resource or template, `@prompt`
 * a prompt; anything else is a tool.
 */
export function declarationKind(name: string, tags: readonly DocTag[], bag: DiagnosticBag): DeclarationKind | undefined {
  if (hasTag(tags, "internal")) return { kind: "internal" };
  const resource = findTag(tags, "resource");
  const prompt = findTag(tags, "prompt");
  if (resource !== undefined && prompt !== undefined) {
    bag.report(Messages.ConflictingKindTags, { name }, prompt.node);
    return undefined;
  }
  if (resource !== undefined) return { kind: "resource", tag: resource };
  if (prompt !== undefined) return { kind: "prompt", tag: prompt };
  return { kind: "tool" };
}

/** `@complete <argument> <function>` tags: which exported function completes which argument. */
export function completeTags(tags: readonly DocTag[], bag: DiagnosticBag): Map<string, { fn: string; tag: DocTag }> {
  const out = new Map<string, { fn: string; tag: DocTag }>();
  for (const tag of tags) {
    if (!isTag(tag, "complete")) continue;
    const match = /^([A-Za-z_$][\w$]*)\s+([A-Za-z_$][\w$]*)$/.exec(tag.text);
    if (match === null) {
      bag.report(Messages.InvalidTagValue, { tag: "complete", value: tag.text, expected: "an argument name and an exported function, e.g. '@complete city suggestCities'" }, tag.node);
      continue;
    }
    out.set(match[1]!, { fn: match[2]!, tag });
  }
  return out;
}

/**
 * Points each argument named by a `@complete` tag at its completion function.
 * False after reporting a tag that names no parameter of the function.
 */
export function bindCompleteTags(name: string, tags: readonly DocTag[], parameters: FeatureParameters, bag: DiagnosticBag): boolean {
  let ok = true;
  for (const [argument, { fn, tag }] of completeTags(tags, bag)) {
    const param = parameters.params.find((p) => p.spec.name === argument);
    if (param === undefined) {
      bag.report(Messages.CompleteArgumentNotFound, { argument, name }, tag.node);
      ok = false;
    } else param.spec.completeWith = fn;
  }
  return ok;
}
