/**
 * Marks a schema node that stands for a Date or a URL: such values travel as
 * strings and are turned back into objects before the function is called. A
 * symbol key, so JSON.stringify and Ajv never see it, while object spread
 * (used when docs are added to a node) keeps it.
 */
export const REVIVE: unique symbol = Symbol("mcpc.revive");

export type RevivalKind = "date" | "url";

/** A JSON Schema (2020-12) node as mcpc emits it. Key order is emission order. */
export interface JsonSchema {
  type?: string;
  [REVIVE]?: RevivalKind;
  [keyword: string]: unknown;
}
