// Every JSDoc tag mcpc reads, in one table: the extractors look tags up by
// these names (a name missing here does not type-check), the misspelt-tag
// warning suggests from them, and docs/features.md's table of tags is made
// from them (test/compiler/mcpc-tags.test.ts fails when it drifts).

/** Where a tag is read. */
export type TagPlacement = "function" | "tool" | "resource" | "prompt" | "schema" | "type";

export interface McpcTagInfo {
  /** Where it is written, for the docs. */
  where: TagPlacement;
  /** How it is written, for the docs: `@maximum <number>`. */
  form: string;
  /** What it produces, for the docs. */
  produces: string;
}

const schemaTag = (form: string, produces: string) => ({ where: "schema", form, produces }) as const satisfies McpcTagInfo;

export const MCPC_TAGS = {
  internal: { where: "function", form: "@internal", produces: "nothing: the export is kept out of the server" },
  resource: { where: "function", form: "@resource <uri>", produces: "a resource, or a resource template when the URI has `{variables}`" },
  prompt: { where: "function", form: "@prompt", produces: "a prompt" },
  param: { where: "function", form: "@param <name> - <text>", produces: "the parameter's (argument's) `description`" },
  name: { where: "function", form: "@name <name>", produces: "the listed `name` instead of the function's" },
  title: { where: "function", form: "@title <text>", produces: "`title` of the tool, resource or prompt; on a parameter or property, the schema's `title`" },
  icon: { where: "function", form: "@icon <url> [sizes…] [light|dark]", produces: "one entry of `icons`" },
  scope: { where: "function", form: "@scope <scope…>", produces: "OAuth scopes the caller must hold" },
  complete: { where: "function", form: "@complete <argument> <function>", produces: "`completion/complete` values from the named exported function" },
  readOnly: { where: "tool", form: "@readOnly [false]", produces: "`annotations.readOnlyHint`" },
  destructive: { where: "tool", form: "@destructive [false]", produces: "`annotations.destructiveHint`" },
  idempotent: { where: "tool", form: "@idempotent [false]", produces: "`annotations.idempotentHint`" },
  openWorld: { where: "tool", form: "@openWorld [false]", produces: "`annotations.openWorldHint`" },
  timeout: { where: "tool", form: "@timeout <duration>", produces: "the call's time limit (`500ms`, `30s`, `2m`; `0` for none)" },
  jsonSchemaDialect: { where: "tool", form: "@jsonSchemaDialect", produces: "`$schema` in the input schema" },
  mimeType: { where: "resource", form: "@mimeType <type>", produces: "the listing's and contents' `mimeType`" },
  audience: { where: "resource", form: "@audience user,assistant", produces: "`annotations.audience`" },
  priority: { where: "resource", form: "@priority <0..1>", produces: "`annotations.priority`" },
  minimum: schemaTag("@minimum <number>", "`minimum`"),
  maximum: schemaTag("@maximum <number>", "`maximum`"),
  exclusiveMinimum: schemaTag("@exclusiveMinimum <number>", "`exclusiveMinimum`"),
  exclusiveMaximum: schemaTag("@exclusiveMaximum <number>", "`exclusiveMaximum`"),
  multipleOf: schemaTag("@multipleOf <number>", "`multipleOf`"),
  integer: schemaTag("@integer", "`type: \"integer\"` (also a resource template variable of whole numbers)"),
  minLength: schemaTag("@minLength <count>", "`minLength`"),
  maxLength: schemaTag("@maxLength <count>", "`maxLength`"),
  pattern: schemaTag("@pattern <regex>", "`pattern`"),
  format: schemaTag("@format <format>", "`format` (one Ajv checks)"),
  minItems: schemaTag("@minItems <count>", "`minItems`"),
  maxItems: schemaTag("@maxItems <count>", "`maxItems`"),
  uniqueItems: schemaTag("@uniqueItems", "`uniqueItems: true`"),
  default: schemaTag("@default <json>", "`default`"),
  examples: schemaTag("@examples <json>", "`examples`"),
  deprecated: schemaTag("@deprecated [reason]", "`deprecated: true`"),
  json: schemaTag("@json", "any JSON value where the type says `unknown`"),
  trustPattern: schemaTag("@trustPattern", "nothing: keeps a reviewed `@pattern` (or `@format url`) without the backtracking check"),
  ref: { where: "type", form: "@ref [name]", produces: "one shared `$defs` entry for the type instead of inlining it" },
} as const satisfies Record<string, McpcTagInfo>;

export type McpcTag = keyof typeof MCPC_TAGS;

/** Where each placement is written, for messages and the docs. */
export const PLACEMENT_TEXT: Record<TagPlacement, string> = {
  function: "an exported function (a tool, resource or prompt)",
  tool: "a tool",
  resource: "a resource or template",
  prompt: "a prompt",
  schema: "a parameter, property or type alias",
  type: "an interface, class or type alias",
};

/** The tags that become JSON Schema keywords on a parameter, property or type alias. */
export type SchemaTag = { [K in McpcTag]: (typeof MCPC_TAGS)[K]["where"] extends "schema" ? K : never }[McpcTag] | "title";

/** The first tag of this name, typed so that only a tag in MCPC_TAGS can be asked for. */
export function findTag<T extends { name: string }>(tags: readonly T[], name: McpcTag): T | undefined {
  return tags.find((tag) => tag.name === name);
}

/** Whether a tag of this name is written. */
export function hasTag(tags: readonly { name: string }[], name: McpcTag): boolean {
  return tags.some((tag) => tag.name === name);
}

/** Whether the tag is this one of mcpc's. */
export function isTag(tag: { name: string }, name: McpcTag): boolean {
  return tag.name === name;
}
