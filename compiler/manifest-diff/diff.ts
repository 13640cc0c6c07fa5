// The contract change between two versions of a server, as a model feels it.
// A model keeps sending what worked yesterday: anything that makes yesterday's
// calls fail (a tool gone, a new required parameter, a narrower type, an enum
// value removed, a tighter constraint, a scope the caller's token must now
// grant) is breaking; anything that only accepts more, or returns more, is
// compatible.
import type { ToolListing } from "../../runtime/contract.js";
import type { JsonSchema } from "../schema/json-schema.js";

export type ChangeKind = "breaking" | "compatible";

export interface ContractChange {
  kind: ChangeKind;
  tool: string;
  /** Where in the tool: "" for the tool itself, else e.g. "input task.title" or "output total". */
  where: string;
  message: string;
}

/** The OAuth scopes (`@scope`) each tool requires, by tool name: the manifest's `scopes.tools`. */
export type ToolScopes = Readonly<Record<string, readonly string[]>>;

export function diffContracts(
  oldTools: readonly ToolListing[],
  newTools: readonly ToolListing[],
  scopes: { old?: ToolScopes; new?: ToolScopes } = {},
): ContractChange[] {
  const changes: ContractChange[] = [];
  const oldByName = new Map(oldTools.map((t) => [t.name, t]));
  const newByName = new Map(newTools.map((t) => [t.name, t]));
  const removed = oldTools.filter((t) => !newByName.has(t.name));
  const added = newTools.filter((t) => !oldByName.has(t.name));
  for (const tool of removed) {
    // Same input schema under a new name: a rename, still breaking for a model that calls the old name.
    const renamed = added.find((a) => stableJson(a.inputSchema) === stableJson(tool.inputSchema));
    if (renamed !== undefined) {
      added.splice(added.indexOf(renamed), 1);
      changes.push({ kind: "breaking", tool: tool.name, where: "", message: `tool renamed to '${renamed.name}': calls to '${tool.name}' fail` });
    } else changes.push({ kind: "breaking", tool: tool.name, where: "", message: "tool removed: calls to it fail" });
  }
  for (const tool of added) changes.push({ kind: "compatible", tool: tool.name, where: "", message: "tool added" });
  for (const oldTool of oldTools) {
    const newTool = newByName.get(oldTool.name);
    if (newTool === undefined) continue;
    const push = (kind: ChangeKind, where: string, message: string) => changes.push({ kind, tool: oldTool.name, where, message });
    if ((oldTool.description ?? "") !== (newTool.description ?? "")) push("compatible", "", "description changed (models may choose the tool differently)");
    compareSchemas(oldTool.inputSchema, newTool.inputSchema, "input", [], push);
    if (oldTool.outputSchema !== undefined && newTool.outputSchema === undefined) push("breaking", "output", "structured output removed");
    else if (oldTool.outputSchema === undefined && newTool.outputSchema !== undefined) push("compatible", "output", "structured output added");
    else if (oldTool.outputSchema !== undefined && newTool.outputSchema !== undefined) compareSchemas(oldTool.outputSchema, newTool.outputSchema, "output", [], push);
    compareAnnotations(oldTool.annotations ?? {}, newTool.annotations ?? {}, push);
    compareScopes(scopes.old?.[oldTool.name] ?? [], scopes.new?.[oldTool.name] ?? [], push);
  }
  return changes;
}

/**
 * Every scope a tool requires must be granted to the caller's token: a scope
 * added refuses (403) the clients whose token was enough yesterday; one
 * dropped lets more clients in.
 */
function compareScopes(oldScopes: readonly string[], newScopes: readonly string[], push: Push): void {
  for (const scope of newScopes) {
    if (!oldScopes.includes(scope)) push("breaking", "", `now requires scope '${scope}': callers whose token lacks it are refused`);
  }
  for (const scope of oldScopes) {
    if (!newScopes.includes(scope)) push("compatible", "", `no longer requires scope '${scope}'`);
  }
}

type Push = (kind: ChangeKind, where: string, message: string) => void;
type Side = "input" | "output";

const JSON_TYPES = ["string", "number", "integer", "boolean", "null", "object", "array"] as const;

/** The JSON types a schema accepts (integer counted inside number). */
function acceptedTypes(schema: JsonSchema): Set<string> {
  const out = new Set<string>();
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants)) for (const v of variants) for (const t of acceptedTypes(v)) out.add(t);
  if (typeof schema.type === "string") out.add(schema.type);
  if (Array.isArray(schema.type)) for (const t of schema.type) out.add(t as string);
  if (out.size === 0 && Array.isArray(schema.enum)) for (const v of schema.enum) out.add(jsonTypeOf(v));
  if (out.size === 0 && "const" in schema) out.add(jsonTypeOf(schema.const));
  if (out.size === 0 && !Array.isArray(variants)) for (const t of JSON_TYPES) out.add(t); // {} accepts anything
  if (out.has("number")) out.add("integer");
  return out;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function subset(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function describeTypes(types: Set<string>): string {
  const shown = [...types].filter((t) => !(t === "integer" && types.has("number")));
  return shown.join(" | ");
}

function label(side: Side, path: string[]): string {
  return path.length === 0 ? side : `${side} ${path.join(".")}`;
}

/**
 * For input, narrowing is breaking (the model's old calls are refused); for
 * output, the model reads what comes back: losing a field or changing its
 * type is breaking, while narrowing what is returned is compatible.
 */
function compareSchemas(oldSchema: JsonSchema, newSchema: JsonSchema, side: Side, path: string[], push: Push): void {
  const where = label(side, path);
  const narrowing: ChangeKind = side === "input" ? "breaking" : "compatible";
  const widening: ChangeKind = side === "input" ? "compatible" : "breaking";
  const oldTypes = acceptedTypes(oldSchema);
  const newTypes = acceptedTypes(newSchema);
  if (!(subset(oldTypes, newTypes) && subset(newTypes, oldTypes))) {
    if (subset(newTypes, oldTypes)) push(narrowing, where, `type narrowed from ${describeTypes(oldTypes)} to ${describeTypes(newTypes)}`);
    else if (subset(oldTypes, newTypes)) push(widening, where, `type widened from ${describeTypes(oldTypes)} to ${describeTypes(newTypes)}`);
    else push("breaking", where, `type changed from ${describeTypes(oldTypes)} to ${describeTypes(newTypes)}`);
    return;
  }
  compareEnums(oldSchema, newSchema, where, narrowing, widening, push);
  compareConstraints(oldSchema, newSchema, where, narrowing, widening, push);
  if (side === "input" && oldSchema.default !== undefined && stableJson(oldSchema.default) !== stableJson(newSchema.default)) {
    push("compatible", where, `default changed from ${JSON.stringify(oldSchema.default)} to ${newSchema.default === undefined ? "none" : JSON.stringify(newSchema.default)}`);
  }
  const oldObject = objectPart(oldSchema);
  const newObject = objectPart(newSchema);
  if (oldObject && newObject) compareObjects(oldObject, newObject, side, path, push);
  const oldItems = arrayItems(oldSchema);
  const newItems = arrayItems(newSchema);
  if (oldItems && newItems) compareSchemas(oldItems, newItems, side, [...path, "[]"], push);
}

function variantsOf(schema: JsonSchema): JsonSchema[] {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(variants) ? [schema, ...variants] : [schema];
}

function objectPart(schema: JsonSchema): JsonSchema | undefined {
  return variantsOf(schema).find((s) => s.type === "object" || (s.properties !== undefined && s.type === undefined));
}

function arrayItems(schema: JsonSchema): JsonSchema | undefined {
  const array = variantsOf(schema).find((s) => s.type === "array");
  return array !== undefined && typeof array.items === "object" && array.items !== null ? (array.items as JsonSchema) : undefined;
}

function enumValues(schema: JsonSchema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ("const" in schema) return [schema.const];
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (!Array.isArray(variants)) return undefined;
  const values: unknown[] = [];
  for (const v of variants) {
    const inner = enumValues(v);
    if (inner === undefined) return undefined;
    values.push(...inner);
  }
  return values;
}

function compareEnums(oldSchema: JsonSchema, newSchema: JsonSchema, where: string, narrowing: ChangeKind, widening: ChangeKind, push: Push): void {
  const oldValues = enumValues(oldSchema);
  const newValues = enumValues(newSchema);
  if (oldValues === undefined && newValues === undefined) return;
  if (oldValues === undefined) {
    push(narrowing, where, `now limited to ${newValues!.map((v) => JSON.stringify(v)).join(", ")}`);
    return;
  }
  if (newValues === undefined) {
    push(widening, where, "no longer limited to a fixed set of values");
    return;
  }
  const oldKeys = new Set(oldValues.map((v) => stableJson(v)));
  const newKeys = new Set(newValues.map((v) => stableJson(v)));
  for (const v of oldValues) if (!newKeys.has(stableJson(v))) push(narrowing, where, `value ${JSON.stringify(v)} removed`);
  for (const v of newValues) if (!oldKeys.has(stableJson(v))) push(widening, where, `value ${JSON.stringify(v)} added`);
}

/** Keywords whose larger value accepts less (minimum) or more (maximum). */
const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
const RESTRICTIONS = ["pattern", "format", "multipleOf"];

function compareConstraints(oldSchema: JsonSchema, newSchema: JsonSchema, where: string, narrowing: ChangeKind, widening: ChangeKind, push: Push): void {
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const before = oldSchema[key] as number | undefined;
    const after = newSchema[key] as number | undefined;
    if (before === after) continue;
    const lower = LOWER_BOUNDS.includes(key);
    const tighter = before === undefined || (after !== undefined && (lower ? after > before : after < before));
    const text = `${key} ${before === undefined ? "added" : after === undefined ? "removed" : "changed"}${before === undefined ? "" : ` (was ${before})`}${after === undefined ? "" : `: ${after}`}`;
    push(after === undefined ? widening : tighter ? narrowing : widening, where, text);
  }
  for (const key of RESTRICTIONS) {
    const before = oldSchema[key];
    const after = newSchema[key];
    if (stableJson(before) === stableJson(after)) continue;
    if (after === undefined) push(widening, where, `${key} removed (was ${JSON.stringify(before)})`);
    else push(narrowing, where, `${key} ${before === undefined ? "added" : "changed"}: ${JSON.stringify(after)}`);
  }
}

function compareObjects(oldSchema: JsonSchema, newSchema: JsonSchema, side: Side, path: string[], push: Push): void {
  const oldProps = (oldSchema.properties ?? {}) as Record<string, JsonSchema>;
  const newProps = (newSchema.properties ?? {}) as Record<string, JsonSchema>;
  const oldRequired = new Set((oldSchema.required ?? []) as string[]);
  const newRequired = new Set((newSchema.required ?? []) as string[]);
  const noun = side === "input" ? "parameter" : "field";
  const closed = newSchema.additionalProperties === false;
  for (const [name, schema] of Object.entries(oldProps)) {
    const where = label(side, [...path, name]);
    if (!(name in newProps)) {
      if (side === "input") push(closed ? "breaking" : "compatible", where, closed ? `${noun} removed: calls that send it are refused` : `${noun} removed (now ignored)`);
      else push(oldRequired.has(name) ? "breaking" : "compatible", where, `${noun} removed${oldRequired.has(name) ? ": readers of it get nothing" : ""}`);
      continue;
    }
    if (side === "input" && !oldRequired.has(name) && newRequired.has(name)) push("breaking", where, `${noun} is now required`);
    if (side === "input" && oldRequired.has(name) && !newRequired.has(name)) push("compatible", where, `${noun} is now optional`);
    if (side === "output" && oldRequired.has(name) && !newRequired.has(name)) push("breaking", where, `${noun} may now be missing`);
    compareSchemas(schema, newProps[name]!, side, [...path, name], push);
  }
  for (const name of Object.keys(newProps)) {
    if (name in oldProps) continue;
    const where = label(side, [...path, name]);
    if (side === "input" && newRequired.has(name)) push("breaking", where, `required ${noun} added: calls without it are refused`);
    else push("compatible", where, `${side === "input" ? "optional " : ""}${noun} added`);
  }
  if (side === "input" && oldSchema.additionalProperties !== false && newSchema.additionalProperties === false && Object.keys(oldProps).length === 0) {
    push("breaking", label(side, path), "no longer accepts arbitrary properties");
  }
}

function compareAnnotations(before: Record<string, unknown>, after: Record<string, unknown>, push: Push): void {
  // A hint that the tool now writes (or destroys) matters to clients that auto-approve read-only tools.
  if (before.readOnlyHint === true && after.readOnlyHint !== true) push("breaking", "annotations", "no longer read-only (clients may now ask before calling it)");
  if (before.destructiveHint !== true && after.destructiveHint === true) push("breaking", "annotations", "now marked destructive");
}

/** JSON with sorted keys, for comparing values regardless of key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? "undefined";
}
