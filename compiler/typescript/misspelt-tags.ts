import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { closest } from "../diagnostics/did-you-mean.js";
import type { DocTag } from "./jsdoc.js";
import { MCPC_TAGS, PLACEMENT_TEXT, type McpcTag, type TagPlacement } from "./mcpc-tags.js";

/**
 * Tags of JSDoc, TSDoc, TypeDoc and Closure that mean something to other
 * tools: written as they are, they are not mistakes for mcpc's tags
 * (`@example` is not a misspelt `@examples`).
 */
const OTHER_TOOLS_TAGS = [
  "abstract", "access", "alias", "alpha", "arg", "argument", "async", "augments", "author", "beta", "borrows",
  "callback", "category", "class", "classdesc", "const", "constant", "constructor", "constructs", "copyright",
  "decorator", "defaultValue", "desc", "description", "document", "emits", "enum", "event", "eventProperty",
  "example", "exception", "experimental", "export", "exports", "extends", "external", "file", "fileoverview",
  "fires", "flow", "func", "function", "generator", "global", "group", "hidden", "hideconstructor", "ignore",
  "implements", "import", "inheritDoc", "inheritdoc", "inline", "inner", "instance", "interface", "kind", "label",
  "lends", "license", "link", "linkcode", "linkplain", "listens", "member", "memberof", "method", "mixes", "mixin",
  "module", "namespace", "nocollapse", "overload", "override", "overview", "package", "packageDocumentation",
  "preserve", "private", "privateRemarks", "prop", "property", "protected", "public", "readonly", "remarks",
  "requires", "return", "returns", "satisfies", "sealed", "see", "since", "static", "summary", "suppress",
  "template", "this", "throws", "todo", "tutorial", "type", "typedef", "typeParam", "var", "variation", "version",
  "virtual", "yield", "yields",
];

const ALL_MCPC_TAGS = Object.keys(MCPC_TAGS) as McpcTag[];

/** The mcpc tags read at a placement: a schema site reads only schema tags, a function's comment any. */
function tagsReadAt(placement: "function" | "schema"): McpcTag[] {
  const read: readonly TagPlacement[] = placement === "schema" ? ["schema"] : ["function", "tool", "resource", "prompt", "schema"];
  return ALL_MCPC_TAGS.filter((tag) => read.includes(MCPC_TAGS[tag].where) || (placement === "schema" && tag === "title"));
}

/** Every tag of every schema site is looked up here: the two lists are made once. */
const CANDIDATES = { function: tagsReadAt("function"), schema: tagsReadAt("schema") };

/**
 * The mcpc tag an unknown tag was probably meant to be, or undefined. A tag
 * that differs from one of mcpc's by case alone is always a slip (`@readonly`
 * for `@readOnly`: mcpc's tags are case-sensitive, and the TSDoc modifier of
 * that spelling marks nothing on a tool). Other tools' tags are otherwise left
 * alone, and so is a tag nearer to one of theirs than to mcpc's.
 */
export function misspeltTag(name: string, placement: "function" | "schema"): McpcTag | undefined {
  const candidates = CANDIDATES[placement];
  if ((candidates as string[]).includes(name)) return undefined;
  const sameLetters = candidates.find((tag) => tag.toLowerCase() === name.toLowerCase());
  if (sameLetters !== undefined) return sameLetters;
  // Known to mcpc at another placement (`@timeout` on a property): not a spelling mistake.
  if (name in MCPC_TAGS || OTHER_TOOLS_TAGS.includes(name)) return undefined;
  const nearest = closest(name, [...candidates, ...OTHER_TOOLS_TAGS]);
  return nearest !== undefined && (candidates as string[]).includes(nearest) ? (nearest as McpcTag) : undefined;
}

/** MCPC1020 at each tag that looks like a misspelt mcpc tag (once per place: a type alias is reached from many sites). */
export function reportMisspeltTags(tags: readonly DocTag[], placement: "function" | "schema", bag: DiagnosticBag): void {
  for (const tag of tags) {
    const meant = misspeltTag(tag.name, placement);
    if (meant === undefined) continue;
    const { where, produces } = MCPC_TAGS[meant];
    bag.reportOnce(Messages.MisspeltTag, { written: tag.name, meant, where: PLACEMENT_TEXT[where], produces: produces.replaceAll("`", "'") }, tag.node);
  }
}
