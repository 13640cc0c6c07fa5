
import type ts from "typescript";
import { typescript } from "../../typescript/compiler-api.js";
import { Messages } from "../../diagnostics/catalog.js";
import type { JsonSchema } from "../json-schema.js";
import { Unrepresentable } from "../refusal.js";
import { discriminatorOf, holdsRevival, jsonTypeOf } from "../revival-plan.js";
import { writtenSyntax, type SchemaSite } from "../site.js";
import type { Walker } from "../walker.js";
import { literalEnum } from "./primitive.js";
import { inWrittenOrder } from "../written-order.js";

/**
 * A union: literals of one type become an `enum`, everything else `anyOf`.
 * Nullable is an anyOf branch `{ type: "null" }` (one node, one type: clients
 * reject type arrays). `undefined` means "may be absent": the caller leaves
 * the property out of `required`; it adds nothing to the schema itself.
 */
export function visitUnion(w: Walker, type: ts.UnionType, site: SchemaSite): JsonSchema {
  const present = type.types.filter((t) => !(t.flags & (typescript.TypeFlags.Undefined | typescript.TypeFlags.Void)));
  const members = inWrittenOrder(w.checker, present, writtenSyntax(site));
  if (members.length === 0) throw new Unrepresentable(Messages.UndefinedType, w.typeText(type));
  const hasNull = members.some((t) => t.flags & typescript.TypeFlags.Null);
  const rest = members.filter((t) => !(t.flags & typescript.TypeFlags.Null));
  let schemas: JsonSchema[];
  const literal = literalEnum(w, rest);
  if (literal !== undefined) schemas = [literal];
  else if (rest.length === 1) schemas = [w.visit(rest[0]!, site)];
  else schemas = mergeLiterals(w, rest).map((t) => (isType(t) ? w.visit(t, site) : t));
  if (schemas.some(holdsRevival) && !revivable(schemas)) throw new Unrepresentable(Messages.AmbiguousRevival, w.typeText(type));
  if (hasNull) schemas.push({ type: "null" });
  return schemas.length === 1 ? schemas[0]! : { anyOf: schemas };
}

function isType(t: ts.Type | JsonSchema): t is ts.Type {
  return typeof (t as ts.Type).flags === "number" && typeof (t as ts.Type).getFlags === "function";
}

/**
 * In a mixed union, literals of one type are kept together as one enum
 * branch (`"auto" | number` → anyOf [enum, number]), and `true | false`
 * (what `boolean` is inside a union) becomes `{ type: "boolean" }`.
 */
function mergeLiterals(w: Walker, types: readonly ts.Type[]): Array<ts.Type | JsonSchema> {
  const groups = new Map<string, ts.Type[]>();
  const kindOf = (t: ts.Type) =>
    t.flags & typescript.TypeFlags.StringLiteral ? "string" : t.flags & typescript.TypeFlags.NumberLiteral ? "number" : t.flags & typescript.TypeFlags.BooleanLiteral ? "boolean" : undefined;
  for (const t of types) {
    const kind = kindOf(t);
    if (kind !== undefined) groups.set(kind, [...(groups.get(kind) ?? []), t]);
  }
  const out: Array<ts.Type | JsonSchema> = [];
  const done = new Set<string>();
  for (const t of types) {
    const kind = kindOf(t);
    if (kind === undefined) out.push(t);
    else if (!done.has(kind)) {
      done.add(kind);
      const group = groups.get(kind)!;
      out.push(group.length > 1 ? literalEnum(w, group)! : group[0]!);
    }
  }
  return out;
}

/**
 * Once sent as JSON, a Date is a string: a union holding one can be revived
 * only if the value's JSON type tells the branch, or (for objects) a literal
 * discriminator property does.
 */
function revivable(branches: readonly JsonSchema[]): boolean {
  for (const branch of branches) {
    if (!holdsRevival(branch)) continue;
    const type = jsonTypeOf(branch);
    const same = branches.filter((b) => b.type === undefined || jsonTypeOf(b) === type || (type === "string" && b.enum !== undefined));
    if (same.length === 1) continue;
    if (type === "object" && same.every((b) => jsonTypeOf(b) === "object") && discriminatorOf(same) !== undefined) continue;
    return false;
  }
  return true;
}
