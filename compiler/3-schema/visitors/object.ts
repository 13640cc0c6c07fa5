import { ts } from "ts-morph";
import { Messages } from "../../diagnostics/catalog.js";
import { readDoc, type DocTag } from "../../2-extract/jsdoc.js";
import type { JsonSchema } from "../json-schema.js";
import { Unrepresentable } from "../refusal.js";
import { childSite, type SchemaSite } from "../site.js";
import type { Walker } from "../walker.js";

/**
 * An object type (interface, alias, literal, data-only class, mapped type
 * such as Partial<> or Record<"a" | "b", T>, merged intersection): its
 * properties as the checker resolved them. Optional means "not in
 * `required`" and adds no null. Input objects are closed
 * (`additionalProperties: false`) unless an index signature opens them.
 */
export function objectSchema(w: Walker, type: ts.Type, site: SchemaSite): JsonSchema {
  const checker = w.checker;
  const method = checker.getPropertiesOfType(type).find((p) => p.flags & ts.SymbolFlags.Method);
  if (method !== undefined) throw new Unrepresentable(Messages.ClassWithMethods, w.typeText(type), { method: method.getName() });
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const name = property.getName();
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const node = declaration ?? site.node;
    const propertyType = checker.getTypeOfSymbolAtLocation(property, site.node);
    if (propertyType.getCallSignatures().length > 0 && declaration && (ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration))) {
      throw new Unrepresentable(Messages.ClassWithMethods, w.typeText(type), { method: name });
    }
    const typeNode = declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
    const child = childSite(site, name, node, typeNode);
    const docs = declaration ? readDoc(declaration) : { text: "", tags: [] as DocTag[] };
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 || includesUndefined(propertyType);
    const schema = w.build(optional ? withoutUndefined(propertyType) : propertyType, child, { description: docs.text || undefined, tags: docs.tags });
    if (schema === undefined) continue;
    properties[name] = schema;
    if (!optional) required.push(name);
  }
  const schema: JsonSchema = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  const index = indexSignature(w, type, site);
  if (index !== undefined) schema.additionalProperties = index;
  else if (w.mode === "input") schema.additionalProperties = false;
  return schema;
}

/** `A & B` of object types: the checker already merged the properties, so it is one object. */
export function visitIntersection(w: Walker, type: ts.IntersectionType, site: SchemaSite): JsonSchema {
  if (type.types.every((t) => t.flags & ts.TypeFlags.Object)) return w.visitObjectType(type, site);
  throw new Unrepresentable(Messages.IntersectionNotObject, w.typeText(type));
}

function indexSignature(w: Walker, type: ts.Type, site: SchemaSite): JsonSchema | undefined {
  const infos = w.checker.getIndexInfosOfType(type);
  if (infos.length === 0) return undefined;
  const stringIndex = infos.find((i) => i.keyType.flags & ts.TypeFlags.String) ?? infos[0]!;
  return w.visit(stringIndex.type, { ...site, typeNode: undefined, where: `${site.where} (its index signature)` });
}

function includesUndefined(type: ts.Type): boolean {
  return type.isUnion() && type.types.some((t) => t.flags & ts.TypeFlags.Undefined);
}

/** `email?: string | undefined` is an optional string: the undefined is the optionality. */
function withoutUndefined(type: ts.Type): ts.Type {
  if (!type.isUnion()) return type;
  const kept = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
  return kept.length === 1 ? kept[0]! : type;
}
