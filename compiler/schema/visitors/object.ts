
import type ts from "typescript";
import { typescript } from "../../typescript/compiler-api.js";
import { Messages } from "../../diagnostics/catalog.js";
import { detachedDocComment } from "../../typescript/detached-doc.js";
import { readDoc, type DocTag } from "../../typescript/jsdoc.js";
import type { JsonSchema } from "../json-schema.js";
import { AlreadyReported, isLibraryDeclaration, Unrepresentable } from "../refusal.js";
import { NUMBER_PATTERN, templatePattern } from "./primitive.js";
import { childSite, nestedSite, writtenAt, type SchemaSite } from "../site.js";
import { propertiesInWrittenOrder } from "../written-order.js";
import { memberScope, type Scope, type Written } from "../written-type.js";
import { PROTOTYPE_KEY } from "../prototype-key.js";
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
  const all = propertiesInWrittenOrder(checker, type);
  refuseBehaviour(w, type, all);
  const infos = checker.getIndexInfosOfType(type);
  // `{}` (and an empty interface) accepts any value but null in TypeScript: no object schema says that.
  if (all.length === 0 && infos.length === 0) throw new Unrepresentable(Messages.ObjectKeywordType, w.typeText(type));
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const members = writtenMembers(w, site);
  for (const property of all) {
    const name = property.getName();
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const fromLibrary = declaration !== undefined && isLibraryDeclaration(declaration);
    // Errors point at what the user wrote: inside a library's type, that is the site itself.
    const node = declaration !== undefined && !fromLibrary ? declaration : site.node;
    const propertyType = checker.getTypeOfSymbolAtLocation(property, site.node);
    if (name.startsWith("__@")) {
      throw new Unrepresentable(Messages.SymbolType, `{ [${displayName(name)}]: ${w.typeText(propertyType)} }`);
    }
    if (name === PROTOTYPE_KEY) {
      // Reported where it is declared; the walk goes on so the rest of the type is checked too.
      w.bag.reportOnce(Messages.PrototypeName, { where: `${childSite(site, name, node).where} of tool '${site.tool}'` }, node);
      continue;
    }
    const declared = declaration && !fromLibrary && (typescript.isPropertySignature(declaration) || typescript.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
    // A member of a mapped type (`Record<"a" | "b", Email>`) is written as the mapped type's template.
    const typeNode = declared ?? members.template?.node;
    const child = childSite(site, name, node, typeNode, declared !== undefined ? members.scope : members.template?.scope);
    const docs = declaration ? readDoc(declaration) : { text: "", tags: [] as DocTag[] };
    const detached = declaration !== undefined && !fromLibrary ? detachedDocComment(declaration) : undefined;
    if (detached !== undefined) {
      w.bag.reportOnce(Messages.DetachedDocComment, { member: name }, { file: declaration!.getSourceFile(), ...detached });
    }
    const optional = (property.flags & typescript.SymbolFlags.Optional) !== 0 || includesUndefined(propertyType);
    // `@param args.owner - …` on the function wins over the property's own comment: it is
    // written for this tool, where the type may be shared by several. Its tags come after
    // the property's own, so where both set a keyword the @param's value is the one kept.
    const written = w.memberDocs?.take(site.path, name);
    const description = written?.description || docs.text || undefined;
    const tags = written === undefined ? docs.tags : [...docs.tags, ...written.tags];
    const schema = w.build(optional ? withoutUndefined(propertyType) : propertyType, child, { description, tags });
    if (schema === undefined) {
      // Reported once at the user's site; the rest of a library type is not walked.
      if (fromLibrary) throw new AlreadyReported();
      continue;
    }
    properties[name] = schema;
    if (!optional) required.push(name);
  }
  const schema: JsonSchema = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  addIndexSignatures(w, schema, infos, site, members);
  return schema;
}

interface WrittenMembers {
  /** What the type parameters of the declarations the members come from were written as. */
  scope: Scope;
  /** For a mapped type written here, its template: the syntax of every member it makes. */
  template: Written | undefined;
}

/** How the members of the object written at this site read: `Page<Email>` makes Page's `T` an `Email`. */
function writtenMembers(w: Walker, site: SchemaSite): WrittenMembers {
  const written = writtenAt(site);
  const scope = memberScope(w.checker, written);
  const node = written?.node;
  const template = node !== undefined && typescript.isMappedTypeNode(node) && node.type !== undefined ? { node: node.type, scope: written!.scope } : undefined;
  return { scope, template };
}

/**
 * Members that JSON cannot carry: methods (a class instance's or an
 * interface's), accessors, and private or protected members (which make a
 * class nominal: a plain object from JSON is not an instance).
 */
function refuseBehaviour(w: Walker, type: ts.Type, properties: readonly ts.Symbol[]): void {
  for (const property of properties) {
    const name = displayName(property.getName());
    if (property.flags & typescript.SymbolFlags.Method) throw new Unrepresentable(Messages.ClassWithMethods, w.typeText(type), { method: name });
    if (property.flags & typescript.SymbolFlags.Accessor) {
      throw new Unrepresentable(Messages.ClassWithMethods, w.typeText(type), { method: name, member: "accessor" });
    }
    const declaration = property.valueDeclaration;
    if (declaration !== undefined && typescript.getCombinedModifierFlags(declaration) & (typescript.ModifierFlags.Private | typescript.ModifierFlags.Protected)) {
      throw new Unrepresentable(Messages.ClassWithMethods, w.typeText(type), { method: name, member: "private member" });
    }
  }
}

/** `__@iterator@15` (how the checker names symbol keys) as `Symbol.iterator`. */
function displayName(name: string): string {
  const match = /^__@([^@]+)@\d+$/.exec(name);
  return match ? `Symbol.${match[1]}` : name;
}

/**
 * Index signatures: a `string` key opens the object (`additionalProperties`);
 * `number` and template literal keys admit only the keys they match
 * (`patternProperties`), so the object stays closed to other names as tsc
 * keeps it. Symbol keys cannot be sent and add nothing.
 */
function addIndexSignatures(w: Walker, schema: JsonSchema, infos: readonly ts.IndexInfo[], site: SchemaSite, members: WrittenMembers): void {
  let additional: JsonSchema | undefined;
  const patterns: Record<string, JsonSchema> = {};
  for (const info of infos) {
    const declared = info.declaration !== undefined && !isLibraryDeclaration(info.declaration) ? { node: info.declaration.type, scope: members.scope } : undefined;
    const value = w.visit(info.type, { ...nestedSite(site, declared ?? members.template), where: `${site.where} (its index signature)` });
    const key = info.keyType;
    if (key.flags & typescript.TypeFlags.String) additional = value;
    else if (key.flags & typescript.TypeFlags.Number) patterns[`^${NUMBER_PATTERN}$`] = value;
    else if (key.flags & typescript.TypeFlags.TemplateLiteral) patterns[templatePattern(w, key as ts.TemplateLiteralType)] = value;
  }
  if (Object.keys(patterns).length > 0) schema.patternProperties = patterns;
  if (additional !== undefined) schema.additionalProperties = additional;
  else if (w.mode === "input") schema.additionalProperties = false;
}

/** `A & B` of object types: the checker already merged the properties, so it is one object. */
export function visitIntersection(w: Walker, type: ts.IntersectionType, site: SchemaSite): JsonSchema {
  if (type.types.every((t) => t.flags & typescript.TypeFlags.Object)) return w.visitObjectType(type, site);
  throw new Unrepresentable(Messages.IntersectionNotObject, w.typeText(type));
}

function includesUndefined(type: ts.Type): boolean {
  return type.isUnion() && type.types.some((t) => t.flags & typescript.TypeFlags.Undefined);
}

/** `email?: string | undefined` is an optional string: the undefined is the optionality. */
function withoutUndefined(type: ts.Type): ts.Type {
  if (!type.isUnion()) return type;
  const kept = type.types.filter((t) => !(t.flags & typescript.TypeFlags.Undefined));
  return kept.length === 1 ? kept[0]! : type;
}
