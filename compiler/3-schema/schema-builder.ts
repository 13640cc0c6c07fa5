import { ts } from "../ts-morph.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { readDoc, type DocTag } from "../2-extract/jsdoc.js";
import { applyTags } from "./constraint-tags.js";
import type { JsonSchema } from "./json-schema.js";
import { childSite, type SchemaSite, type SiteDocs } from "./site.js";

/** Input schemas are closed (unknown properties are refused); output schemas stay open. */
export type SchemaMode = "input" | "output";

/** Raised inside the walk when a type cannot be represented; reported once, at the site. */
class Unrepresentable extends Error {
  constructor(
    readonly written: string,
    readonly reason: string,
    readonly isAny = false,
  ) {
    super(reason);
  }
}

/**
 * Turns resolved TypeScript types into JSON Schema by walking what the
 * checker resolved (so aliases, generics, Pick<>, Partial<> and imported
 * types need no special code). One builder serves one root schema: recursive
 * types found during the walk are collected into its `$defs`.
 */
export class SchemaBuilder {
  private readonly defs = new Map<string, JsonSchema>();
  private readonly recursion = new Map<ts.Type, { name: string; referenced: boolean }>();
  private readonly usedDefNames = new Set<string>();
  /** The type holds values (Date, URL) that travel as strings. */
  holdsJsonOnlyValues = false;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly bag: DiagnosticBag,
    private readonly mode: SchemaMode,
  ) {}

  /** The schema for one site, or undefined after reporting why there is none. */
  build(type: ts.Type, site: SchemaSite, docs: SiteDocs): JsonSchema | undefined {
    try {
      const schema = this.visit(type, site);
      return this.document(schema, site, docs);
    } catch (error) {
      if (!(error instanceof Unrepresentable)) throw error;
      if (error.isAny) this.bag.report(Messages.AnyType, { where: site.where, tool: site.tool, written: error.written }, site.node);
      else this.bag.report(Messages.UnsupportedType, { where: site.where, tool: site.tool, written: error.written, reason: error.reason }, site.node);
      return undefined;
    }
  }

  /** Wraps a root schema with the `$defs` that recursive types needed. */
  finishRoot(schema: JsonSchema): JsonSchema {
    if (this.defs.size === 0) return schema;
    let root = schema;
    // A recursive type at the root: the root is written out in full (clients
    // need `type: "object"` there) and inner references point at its def.
    if (typeof schema.$ref === "string") {
      const { $ref, ...annotations } = schema;
      const def = this.defs.get(($ref as string).slice("#/$defs/".length));
      if (def !== undefined) root = { ...annotations, ...def };
    }
    const defs: Record<string, JsonSchema> = {};
    for (const name of [...this.defs.keys()].sort()) defs[name] = this.defs.get(name)!;
    return { ...root, $defs: defs };
  }

  /** Adds description and tags from the declaration and from aliases named in its type syntax. */
  private document(schema: JsonSchema, site: SchemaSite, docs: SiteDocs): JsonSchema {
    const aliasDocs = aliasDocsOf(site.typeNode, this.checker);
    const description = docs.description || aliasDocs.description;
    const out: JsonSchema = description ? { description, ...schema } : { ...schema };
    // Alias tags first, so the declaration's own tags override them.
    applyTags(out, [...aliasDocs.tags, ...docs.tags], this.bag);
    return out;
  }

  private typeText(type: ts.Type): string {
    return this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
  }

  private visit(type: ts.Type, site: SchemaSite): JsonSchema {
    const f = type.flags;
    if (f & ts.TypeFlags.Any) throw new Unrepresentable("any", "any", true);
    if (f & ts.TypeFlags.Unknown) throw new Unrepresentable("unknown", "'unknown' accepts any value, so the model would get no guidance");
    if (f & ts.TypeFlags.Never) throw new Unrepresentable("never", "no value has type 'never'");
    if (f & ts.TypeFlags.Boolean) return { type: "boolean" };
    if (f & ts.TypeFlags.String) return { type: "string" };
    if (f & ts.TypeFlags.Number) return { type: "number" };
    if (f & ts.TypeFlags.Null) return { type: "null" };
    if (f & ts.TypeFlags.StringLiteral) return { type: "string", const: (type as ts.StringLiteralType).value };
    if (f & ts.TypeFlags.NumberLiteral) return { type: "number", const: (type as ts.NumberLiteralType).value };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: "boolean", const: this.typeText(type) === "true" };
    if (f & (ts.TypeFlags.BigInt | ts.TypeFlags.BigIntLiteral)) {
      throw new Unrepresentable(this.typeText(type), "JSON has no bigint; take a number, or a string of digits");
    }
    if (f & ts.TypeFlags.ESSymbolLike) throw new Unrepresentable(this.typeText(type), "symbols cannot be sent as JSON");
    if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) {
      throw new Unrepresentable(this.typeText(type), "JSON has no undefined; make the property optional instead");
    }
    if (f & ts.TypeFlags.Union) return this.visitUnion(type as ts.UnionType, site);
    if (f & ts.TypeFlags.Intersection) return this.visitIntersection(type as ts.IntersectionType, site);
    if (f & ts.TypeFlags.TypeParameter) {
      throw new Unrepresentable(this.typeText(type), "a type parameter is only known when the function is called; use a concrete type");
    }
    if (f & ts.TypeFlags.Object) return this.visitObject(type as ts.ObjectType, site);
    if (f & ts.TypeFlags.NonPrimitive) throw new Unrepresentable("object", "'object' says nothing about the properties; declare them");
    throw new Unrepresentable(this.typeText(type), "this kind of type is not supported yet");
  }

  private visitUnion(type: ts.UnionType, site: SchemaSite): JsonSchema {
    // `undefined` in a union means "may be absent": the caller leaves the
    // property out of `required`; it adds nothing to the schema itself.
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (members.length === 0) throw new Unrepresentable(this.typeText(type), "JSON has no undefined");
    const hasNull = members.some((t) => t.flags & ts.TypeFlags.Null);
    const rest = members.filter((t) => !(t.flags & ts.TypeFlags.Null));
    const literal = this.literalEnum(rest);
    let schemas: JsonSchema[];
    if (literal !== undefined) schemas = [literal];
    else if (rest.length === 1) schemas = [this.visit(rest[0]!, site)];
    else schemas = this.mergeBooleans(rest).map((t) => (t === "boolean" ? { type: "boolean" } : this.visit(t, site)));
    // One node, one type: nullable is an anyOf branch, never a type array.
    if (hasNull) schemas.push({ type: "null" });
    return schemas.length === 1 ? schemas[0]! : { anyOf: schemas };
  }

  /** `true | false` in a union is `boolean`. */
  private mergeBooleans(types: ts.Type[]): Array<ts.Type | "boolean"> {
    const booleans = types.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    if (booleans.length !== 2) return types;
    const out: Array<ts.Type | "boolean"> = types.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    out.push("boolean");
    return out;
  }

  /** A union of literals of one primitive type is an `enum` of that type. */
  private literalEnum(types: ts.Type[]): JsonSchema | undefined {
    if (types.length < 2) return undefined;
    let kind: string | undefined;
    const values: unknown[] = [];
    for (const t of types) {
      let k: string;
      let value: unknown;
      if (t.flags & ts.TypeFlags.StringLiteral) [k, value] = ["string", (t as ts.StringLiteralType).value];
      else if (t.flags & ts.TypeFlags.NumberLiteral) [k, value] = ["number", (t as ts.NumberLiteralType).value];
      else if (t.flags & ts.TypeFlags.BooleanLiteral) [k, value] = ["boolean", this.typeText(t) === "true"];
      else return undefined;
      if (kind !== undefined && kind !== k) return undefined;
      kind = k;
      values.push(value);
    }
    if (kind === "boolean") return { type: "boolean" };
    return { type: kind!, enum: values };
  }

  private visitIntersection(type: ts.IntersectionType, site: SchemaSite): JsonSchema {
    // An intersection of object types has the properties of all of them: the
    // checker already merged them, so it is walked as one object.
    if (type.types.every((t) => t.flags & ts.TypeFlags.Object)) return this.visitPlainObject(type, site);
    throw new Unrepresentable(this.typeText(type), "only intersections of object types can be represented");
  }

  private visitObject(type: ts.ObjectType, site: SchemaSite): JsonSchema {
    const checker = this.checker;
    if (checker.isArrayType(type)) {
      const element = checker.getTypeArguments(type as ts.TypeReference)[0]!;
      return { type: "array", items: this.visitElement(element, site) };
    }
    if (checker.isTupleType(type)) return this.visitTuple(type as ts.TypeReference, site);
    if (type.getCallSignatures().length > 0) throw new Unrepresentable(this.typeText(type), "functions cannot be sent as JSON");
    const special = this.specialObject(type);
    if (special !== undefined) return special;
    return this.visitPlainObject(type, site);
  }

  private visitElement(element: ts.Type, site: SchemaSite): JsonSchema {
    const elementSite: SchemaSite = { ...site, typeNode: undefined };
    return this.visit(element, elementSite);
  }

  private visitTuple(type: ts.TypeReference, site: SchemaSite): JsonSchema {
    const target = type.target as ts.TupleType;
    const elements = this.checker.getTypeArguments(type);
    const prefixItems: JsonSchema[] = [];
    let rest: JsonSchema | undefined;
    let minItems = 0;
    elements.forEach((element, i) => {
      const flags = target.elementFlags[i]!;
      if (flags & ts.ElementFlags.Variable) rest = this.visitElement(element, site);
      else {
        prefixItems.push(this.visitElement(element, site));
        if (flags & ts.ElementFlags.Required) minItems = prefixItems.length;
      }
    });
    const schema: JsonSchema = { type: "array", prefixItems, minItems };
    if (rest === undefined) {
      schema.maxItems = prefixItems.length;
      schema.items = false;
    } else schema.items = rest;
    return schema;
  }

  /** Built-in classes: the ones with a JSON form, and the ones refused with a reason. */
  private specialObject(type: ts.ObjectType): JsonSchema | undefined {
    const symbol = type.getSymbol();
    if (symbol === undefined || !isFromDefaultLibrary(symbol)) return undefined;
    const name = symbol.getName();
    switch (name) {
      case "Date":
      case "URL":
        throw new Unrepresentable(name, `${name} is not supported yet; take an ISO string`);
      case "Map":
      case "ReadonlyMap":
      case "WeakMap":
        throw new Unrepresentable(this.typeText(type), "a Map has no JSON form; use Record<string, T> or an array of entries");
      case "Set":
      case "ReadonlySet":
      case "WeakSet":
        throw new Unrepresentable(this.typeText(type), "a Set has no JSON form; use an array (add @uniqueItems)");
      case "Promise":
      case "PromiseLike":
        throw new Unrepresentable(this.typeText(type), "a Promise cannot be sent; take the value it resolves to");
      case "RegExp":
        throw new Unrepresentable(name, "a RegExp has no JSON form; take a string (with @format regex)");
      case "Uint8Array":
      case "ArrayBuffer":
      case "Buffer":
        throw new Unrepresentable(name, "binary data has no JSON form; take a base64 string");
      case "Error":
        throw new Unrepresentable(name, "an Error has no JSON form; take a message string");
      default:
        return undefined;
    }
  }

  private visitPlainObject(type: ts.Type, site: SchemaSite): JsonSchema {
    const known = this.recursion.get(type);
    if (known !== undefined) {
      // Back at a type we are inside of: the one place a $ref is written.
      known.referenced = true;
      return { $ref: `#/$defs/${known.name}` };
    }
    const entry = { name: this.defName(type), referenced: false };
    this.recursion.set(type, entry);
    try {
      const schema = this.objectSchema(type, site);
      if (!entry.referenced) return schema;
      this.defs.set(entry.name, schema);
      return { $ref: `#/$defs/${entry.name}` };
    } finally {
      this.recursion.delete(type);
    }
  }

  private objectSchema(type: ts.Type, site: SchemaSite): JsonSchema {
    const checker = this.checker;
    const symbol = type.getSymbol();
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Class && hasMethods(type, checker)) {
      throw new Unrepresentable(this.typeText(type), "instances of a class with methods lose their methods as JSON; take a plain interface");
    }
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const name = property.getName();
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const node = declaration ?? site.node;
      const propertyType = checker.getTypeOfSymbolAtLocation(property, site.node);
      if (declaration && (ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration))) {
        throw new Unrepresentable(this.typeText(type), `its method '${name}' cannot be sent as JSON`);
      }
      const typeNode = declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
      const child = childSite(site, name, node, typeNode);
      const docs = declaration ? readDoc(declaration) : { text: "", tags: [] as DocTag[] };
      const schema = this.build(propertyType, child, { description: docs.text || undefined, tags: docs.tags });
      if (schema === undefined) continue;
      properties[name] = schema;
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 || includesUndefined(propertyType);
      if (!optional) required.push(name);
    }
    const schema: JsonSchema = { type: "object", properties };
    if (required.length > 0) schema.required = required;
    const indexSchema = this.indexSignature(type, site);
    if (indexSchema !== undefined) schema.additionalProperties = indexSchema;
    else if (this.mode === "input") schema.additionalProperties = false;
    return schema;
  }

  private indexSignature(type: ts.Type, site: SchemaSite): JsonSchema | undefined {
    const infos = this.checker.getIndexInfosOfType(type);
    if (infos.length === 0) return undefined;
    const stringIndex = infos.find((i) => i.keyType.flags & ts.TypeFlags.String) ?? infos[0]!;
    return this.visitElement(stringIndex.type, { ...site, where: `${site.where} (its index signature)` });
  }

  private defName(type: ts.Type): string {
    const base = (type.aliasSymbol ?? type.getSymbol())?.getName();
    let name = base && /^[A-Za-z_][\w]*$/.test(base) && base !== "__type" && base !== "__object" ? base : "Type";
    if (this.usedDefNames.has(name)) {
      let i = 2;
      while (this.usedDefNames.has(`${name}${i}`)) i++;
      name = `${name}${i}`;
    }
    this.usedDefNames.add(name);
    return name;
  }
}

function includesUndefined(type: ts.Type): boolean {
  return type.isUnion() && type.types.some((t) => t.flags & ts.TypeFlags.Undefined);
}

function hasMethods(type: ts.Type, checker: ts.TypeChecker): boolean {
  return checker.getPropertiesOfType(type).some((p) => p.flags & ts.SymbolFlags.Method);
}

function isFromDefaultLibrary(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => {
    const file = d.getSourceFile().fileName;
    return /[\\/]lib\.[^\\/]*\.d\.ts$/.test(file) || /[\\/]@types[\\/]node[\\/]/.test(file);
  });
}

/**
 * Docs of the type aliases a declaration's type syntax names, outermost
 * last: `type Port = number` documented with `@minimum 1` applies wherever
 * `Port` is written. Primitive aliases leave no trace in resolved types, so
 * this is the one place syntax is read.
 */
function aliasDocsOf(typeNode: ts.TypeNode | undefined, checker: ts.TypeChecker): SiteDocs {
  const chain: SiteDocs[] = [];
  let node = typeNode;
  const seen = new Set<ts.Node>();
  while (node !== undefined && ts.isTypeReferenceNode(node) && !seen.has(node)) {
    seen.add(node);
    let symbol = checker.getSymbolAtLocation(node.typeName);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
    if (declaration === undefined) {
      const iface = symbol?.declarations?.find((d) => ts.isInterfaceDeclaration(d) || ts.isClassDeclaration(d));
      if (iface !== undefined) {
        const doc = readDoc(iface);
        chain.push({ description: doc.text || undefined, tags: [] });
      }
      break;
    }
    const doc = readDoc(declaration);
    chain.push({ description: doc.text || undefined, tags: doc.tags });
    node = declaration.type;
  }
  // The alias nearest the use wins for the description; tags accumulate, nearest last.
  const description = chain.find((d) => d.description)?.description;
  const tags = chain.reverse().flatMap((d) => d.tags);
  return description === undefined ? { tags } : { description, tags };
}
