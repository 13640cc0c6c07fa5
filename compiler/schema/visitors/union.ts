
import type ts from "typescript";
import { typescript } from "../../typescript/compiler-api.js";
import { Messages } from "../../diagnostics/catalog.js";
import type { JsonSchema } from "../json-schema.js";
import { Unrepresentable } from "../refusal.js";
import { discriminatorOf, holdsRevival, jsonTypeOf } from "../revival-plan.js";
import { nestedSite, writtenAt, writtenSyntax, type SchemaSite } from "../site.js";
import type { Walker } from "../walker.js";
import { literalEnum } from "./primitive.js";
import { inWrittenOrder } from "../written-order.js";
import { hasAliasTags, writtenUnionMembers, type Written } from "../written-type.js";

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
  const written = matchWritten(w, rest, site);
  const literal = literalEnum(w, rest);
  if (literal !== undefined) schemas = [literal];
  else if (rest.length === 1) schemas = [written.visit(rest[0]!)];
  else schemas = mergeLiterals(w, rest).map((t) => (isType(t) ? written.visit(t) : t));
  schemas.push(...written.folded());
  // A member that is itself an anyOf (aliases of one type with different tags) joins this one.
  schemas = schemas.flatMap((schema) => (Object.keys(schema).length === 1 && Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [schema]));
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

/**
 * A union the checker folded into one type: `Email | Phone` (two aliases of
 * string) is `string`. Each alias's tags still hold for its values, so the
 * schema is the written members' anyOf. Undefined where no member carries
 * tags (the resolved type says it all).
 */
export function visitMergedUnion(w: Walker, type: ts.Type, site: SchemaSite): JsonSchema | undefined {
  const node = writtenSyntax(site);
  if (node === undefined || !typescript.isUnionTypeNode(node) || type.isUnion()) return undefined;
  const written = matchWritten(w, [type], site);
  if (!written.tagged) return undefined;
  const schemas = [written.visit(type), ...written.folded()];
  return schemas.length === 1 ? schemas[0]! : { anyOf: schemas };
}

const FOLDABLE =
  typescript.TypeFlags.StringLiteral |
  typescript.TypeFlags.NumberLiteral |
  typescript.TypeFlags.BooleanLiteral |
  typescript.TypeFlags.EnumLiteral |
  typescript.TypeFlags.BigIntLiteral |
  typescript.TypeFlags.TemplateLiteral |
  typescript.TypeFlags.StringMapping;

/**
 * The written syntax of each resolved member of a union, so that the tags of
 * the alias a member was written as apply to it (`Email | null`). Where
 * several written members resolve to one type with different tags, that
 * member is their anyOf; where a literal was folded into a wider member that
 * carries tags (`"none" | Email` is `string`), the literal stays a branch of
 * its own, since the tags do not hold for it.
 */
function matchWritten(w: Walker, members: readonly ts.Type[], site: SchemaSite) {
  const start = writtenAt(site);
  const all = start === undefined ? [] : writtenUnionMembers(w.checker, start).filter((m) => !(m.type.flags & (typescript.TypeFlags.Undefined | typescript.TypeFlags.Void | typescript.TypeFlags.Never)));
  // Maps and sets: a union may have thousands of members.
  const byType = new Map<ts.Type, Array<Written | undefined>>();
  for (const m of all) {
    const list = byType.get(m.type);
    if (list === undefined) byType.set(m.type, [m.written]);
    else list.push(m.written);
  }
  const resolved = new Set(members);
  // Inside a generic, `T[] | null` is written in terms of T: such a member resolves to another type than
  // its syntax reads as. One member left over on each side is the same member.
  const leftResolved = members.filter((m) => !byType.has(m) && !(m.flags & typescript.TypeFlags.Null));
  const leftWritten = all.filter((m) => m.written !== undefined && !resolved.has(m.type) && !(m.type.flags & (FOLDABLE | typescript.TypeFlags.Null)));
  if (leftResolved.length === 1 && leftWritten.length === 1) byType.set(leftResolved[0]!, [leftWritten[0]!.written]);
  const syntaxOf = (member: ts.Type): Array<Written | undefined> => byType.get(member) ?? [];
  const tagged = all.some((m) => m.written !== undefined && resolved.has(m.type) && hasAliasTags(w.checker, m.written));
  const unmatched = all.filter((m) => !resolved.has(m.type) && m.type.flags & FOLDABLE && !(m.type.flags & typescript.TypeFlags.Null));
  const visit = (member: ts.Type): JsonSchema => {
    const syntaxes = syntaxOf(member);
    // A member written without tags somewhere accepts every value of its type.
    const plain = syntaxes.find((written) => !hasAliasTags(w.checker, written));
    if (syntaxes.length === 0 || plain !== undefined || syntaxes.length === 1) return w.visit(member, nestedSite(site, plain ?? syntaxes[0]));
    const branches: JsonSchema[] = [];
    const seen = new Set<string>();
    for (const written of syntaxes) {
      const schema = w.visit(member, nestedSite(site, written));
      const key = JSON.stringify(schema);
      if (seen.has(key)) continue;
      seen.add(key);
      branches.push(schema);
    }
    return branches.length === 1 ? branches[0]! : { anyOf: branches };
  };
  const folded = (): JsonSchema[] => {
    if (!tagged || unmatched.length === 0) return [];
    const types = unmatched.map((m) => m.type);
    const literal = literalEnum(w, types);
    if (literal !== undefined) return [literal];
    return mergeLiterals(w, types).map((t) => (isType(t) ? w.visit(t, nestedSite(site, undefined)) : t));
  };
  return { tagged, visit, folded };
}
