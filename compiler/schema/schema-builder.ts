
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { readDoc, type DocTag } from "../typescript/jsdoc.js";
import { findTag, type McpcTag } from "../typescript/mcpc-tags.js";
import { applyTags } from "./constraint-tags.js";
import { defaultProblem } from "./default-check.js";
import type { JsonSchema } from "./json-schema.js";
import type { MemberDocs } from "./member-docs.js";
import { AlreadyReported, Unrepresentable } from "./refusal.js";
import { sharedDefName } from "./shared-defs.js";
import { nestedSite, writtenAt, type SchemaSite, type SiteDocs } from "./site.js";
import { visitArrayLike } from "./visitors/array.js";
import { objectSchema, visitIntersection } from "./visitors/object.js";
import { visitPrimitive } from "./visitors/primitive.js";
import { visitBuiltin } from "./visitors/special.js";
import { visitMergedUnion, visitUnion } from "./visitors/union.js";
import type { SchemaMode, Walker } from "./walker.js";
import { aliasTags, expand } from "./written-type.js";

export type { SchemaMode } from "./walker.js";

/** The JSDoc tag that opts a parameter or property in to `unknown`: any JSON value. */
export const JSON_TAG = "json" satisfies McpcTag;

/** Deeper than any type written by hand; shallow enough to stay far from the stack limit. */
const MAX_TYPE_DEPTH = 400;

/** A type that never bottoms out (see MAX_TYPE_DEPTH): reported once, where it starts. */
class TooDeep extends Unrepresentable {}

/**
 * Turns resolved TypeScript types into JSON Schema by walking what the
 * checker resolved (so aliases, generics, Pick<>, Partial<> and imported
 * types need no special code). This is the one dispatcher: each kind of type
 * has its visitor module under visitors/. One builder serves one root
 * schema: recursive types found during the walk are collected into its `$defs`.
 */
export class SchemaBuilder implements Walker {
  private readonly defs = new Map<string, JsonSchema>();
  private readonly recursion = new Map<ts.Type, { name: string; referenced: boolean }>();
  private readonly usedDefNames = new Set<string>();
  /** Shared definitions (`@ref`) built so far, by the name asked for: each distinct schema's `$defs` name. */
  private readonly sharedDefs = new Map<string, Array<{ name: string; text: string }>>();
  /** `@ref` types whose definition is being built (a reference back to one is its `$ref`). */
  private readonly sharedBuilding = new Map<ts.Type, string>();
  /** How deep inside sites tagged `@json` the walk is: there, `unknown` is any JSON value. */
  private jsonDepth = 0;
  private unknownSeen = false;
  /** The type holds values (Date, URL) that travel as strings. */
  holdsJsonOnlyValues = false;

  constructor(
    readonly checker: ts.TypeChecker,
    readonly bag: DiagnosticBag,
    readonly mode: SchemaMode,
    readonly memberDocs?: MemberDocs,
  ) {}

  /** The schema for one site, or undefined after reporting why there is none. */
  build(type: ts.Type, site: SchemaSite, docs: SiteDocs): JsonSchema | undefined {
    const optIn = findTag(docs.tags, JSON_TAG);
    const seenBefore = this.unknownSeen;
    if (optIn !== undefined) {
      this.jsonDepth++;
      this.unknownSeen = false;
    }
    const outermost = this.depth === 0;
    try {
      const schema = this.visit(type, site);
      if (optIn !== undefined && !this.unknownSeen) {
        this.bag.report(Messages.JsonTagWithoutUnknown, { where: site.where, tool: site.tool, written: this.typeText(type) }, optIn.node);
        return undefined;
      }
      return this.document(schema, site, docs);
    } catch (error) {
      if (error instanceof AlreadyReported) return undefined;
      if (!(error instanceof Unrepresentable)) throw error;
      // A runaway type is reported at the outermost site, not at a 400-step property path.
      if (error instanceof TooDeep && !outermost) throw error;
      this.bag.report(error.message_, { where: site.where, tool: site.tool, written: error.written, ...error.extra }, site.node);
      return undefined;
    } finally {
      if (optIn !== undefined) {
        this.jsonDepth--;
        this.unknownSeen = seenBefore;
      }
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

  /**
   * Adds the declaration's description (else the one of the type its syntax
   * names) and its tags. The tags of aliases in its type were applied by
   * `visit`, so the declaration's own tags override them.
   */
  private document(schema: JsonSchema, site: SchemaSite, docs: SiteDocs): JsonSchema {
    const description = docs.description || aliasDescriptionOf(site.typeNode, this.checker);
    const out: JsonSchema = description ? { description, ...schema } : { ...schema };
    applyTags(out, docs.tags, this.bag);
    const problem = defaultProblem(out);
    if (problem !== undefined) {
      const own = findTag(docs.tags, "default");
      // A default from the type's alias: at the alias's tag, once (visit may have reported it already).
      const fromAlias = own === undefined ? aliasDefaultTag(site, this.checker) : undefined;
      if (fromAlias !== undefined) this.bag.reportOnce(Messages.InvalidDefault, { param: site.path, tool: site.tool, problem }, fromAlias.node);
      else this.bag.report(Messages.InvalidDefault, { param: site.path, tool: site.tool, problem }, own?.node ?? site.node);
    }
    return out;
  }

  /** An alias's `@default` must fit the alias's schema wherever the alias is written (reported at the tag, once per place). */
  private checkAliasDefault(schema: JsonSchema, tags: readonly DocTag[], site: SchemaSite): void {
    const tag = tags.findLast((t) => t.name === "default");
    if (tag === undefined) return;
    const problem = defaultProblem(schema);
    if (problem !== undefined) this.bag.reportOnce(Messages.InvalidDefault, { param: site.path, tool: site.tool, problem }, tag.node);
  }

  typeText(type: ts.Type): string {
    return this.checker.typeToString(type, undefined, typescript.TypeFormatFlags.NoTruncation);
  }

  private depth = 0;
  private outermost: ts.Type | undefined;

  // Only plain objects are tracked for recursion; a type that keeps expanding
  // through an array, a union alias or a generic (`Box<Box<T>>`) would walk
  // until the stack overflows. Past this depth no real type remains: refuse it.
  visit(type: ts.Type, site: SchemaSite): JsonSchema {
    if (this.depth >= MAX_TYPE_DEPTH) {
      throw new TooDeep(Messages.UnsupportedType, this.typeText(this.outermost ?? type), {
        reason: `it nests more than ${MAX_TYPE_DEPTH} levels deep (a type that keeps expanding through an array, a union alias or a generic is not supported; recurse through a plain interface)`,
      });
    }
    if (this.depth === 0) this.outermost = type;
    this.depth++;
    try {
      const written = writtenAt(site);
      if (written === undefined) return this.visitType(type, site);
      // The syntax is followed through aliases (whose tags apply here) to what it names.
      const { written: named, aliases } = expand(this.checker, written);
      const inner = nestedSite(site, named);
      const schema = visitMergedUnion(this, type, inner) ?? this.visitType(type, inner);
      const tags = aliasTags(aliases);
      if (tags.length === 0) return schema;
      const out = { ...schema };
      applyTags(out, tags, this.bag, { once: true });
      this.checkAliasDefault(out, tags, site);
      return out;
    } finally {
      this.depth--;
    }
  }

  private visitType(type: ts.Type, site: SchemaSite): JsonSchema {
    const f = type.flags;
    if (f & typescript.TypeFlags.Any) {
      // TypeScript's error type (a union too complex, an unresolved import) is
      // an 'any' that TypeScript's own error, reported before analysis, explains.
      if (isErrorType(type) && this.bag.items.some((d) => d.code === TYPESCRIPT_ERROR)) throw new AlreadyReported();
      throw new Unrepresentable(Messages.AnyType, "any");
    }
    if (f & typescript.TypeFlags.Unknown) {
      if (this.jsonDepth === 0) throw new Unrepresentable(Messages.UnknownType, "unknown");
      // Opted in with @json: any JSON value. `{}` is the schema that says so.
      this.unknownSeen = true;
      return {};
    }
    if (f & typescript.TypeFlags.Never) throw new Unrepresentable(Messages.NeverType, "never");
    const primitive = visitPrimitive(this, type);
    if (primitive !== undefined) return primitive;
    if (f & typescript.TypeFlags.Union) return visitUnion(this, type as ts.UnionType, site);
    if (f & typescript.TypeFlags.Intersection) return visitIntersection(this, type as ts.IntersectionType, site);
    if (f & typescript.TypeFlags.TypeParameter) throw new Unrepresentable(Messages.TypeParameterType, this.typeText(type));
    if (f & typescript.TypeFlags.Object) {
      const object = type as ts.ObjectType;
      const arrayLike = visitArrayLike(this, object, site);
      if (arrayLike !== undefined) return arrayLike;
      if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
        throw new Unrepresentable(Messages.FunctionType, this.typeText(type));
      }
      return visitBuiltin(this, object) ?? this.visitObjectType(type, site);
    }
    if (f & typescript.TypeFlags.NonPrimitive) throw new Unrepresentable(Messages.ObjectKeywordType, "object");
    throw new Unrepresentable(Messages.UnsupportedType, this.typeText(type), { reason: "this kind of type has no JSON form" });
  }

  visitObjectType(type: ts.Type, site: SchemaSite): JsonSchema {
    const shared = sharedDefName(type);
    if (shared !== undefined) {
      // Opted in with @ref: one $defs entry per distinct schema, referenced wherever used.
      const building = this.sharedBuilding.get(type);
      if (building !== undefined) return { $ref: `#/$defs/${building}` };
      const built = this.sharedDefs.get(shared) ?? [];
      // A generic's instances (`Page<number>`, `Page<Email>`) differ: the second distinct one is `Page2`.
      const name = built.length === 0 ? shared : this.defName(type, shared);
      this.usedDefNames.add(name);
      this.sharedBuilding.set(type, name);
      let schema: JsonSchema;
      try {
        schema = objectSchema(this, type, site);
      } finally {
        this.sharedBuilding.delete(type);
      }
      const text = JSON.stringify(schema);
      const same = built.find((entry) => entry.text === text);
      if (same !== undefined) {
        this.usedDefNames.delete(name);
        return { $ref: `#/$defs/${same.name}` };
      }
      built.push({ name, text });
      this.sharedDefs.set(shared, built);
      this.defs.set(name, schema);
      return { $ref: `#/$defs/${name}` };
    }
    const known = this.recursion.get(type);
    if (known !== undefined) {
      // Back at a type we are inside of: the one place a $ref is written.
      known.referenced = true;
      return { $ref: `#/$defs/${known.name}` };
    }
    const entry = { name: this.defName(type), referenced: false };
    this.recursion.set(type, entry);
    try {
      const schema = objectSchema(this, type, site);
      if (!entry.referenced) {
        this.usedDefNames.delete(entry.name);
        return schema;
      }
      this.defs.set(entry.name, schema);
      return { $ref: `#/$defs/${entry.name}` };
    } finally {
      this.recursion.delete(type);
    }
  }

  private defName(type: ts.Type, asked?: string): string {
    const base = (type.aliasSymbol ?? type.getSymbol())?.getName();
    let name = asked ?? (base && /^[A-Za-z_][\w]*$/.test(base) && base !== "__type" && base !== "__object" ? base : "Type");
    if (this.usedDefNames.has(name)) {
      let i = 2;
      while (this.usedDefNames.has(`${name}${i}`)) i++;
      name = `${name}${i}`;
    }
    this.usedDefNames.add(name);
    return name;
  }
}

/**
 * The description of the type a declaration's syntax names: the nearest
 * documented alias in the chain, else the interface, class or enum it ends at.
 * (Descriptions are given at declared places only; an alias's tags apply
 * wherever it is written, see `visit`.)
 */
function aliasDescriptionOf(typeNode: ts.TypeNode | undefined, checker: ts.TypeChecker): string | undefined {
  let node = typeNode;
  const seen = new Set<ts.Node>();
  while (node !== undefined && typescript.isTypeReferenceNode(node) && !seen.has(node)) {
    seen.add(node);
    let symbol = checker.getSymbolAtLocation(node.typeName);
    if (symbol && symbol.flags & typescript.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.find(typescript.isTypeAliasDeclaration);
    if (declaration === undefined) {
      const named = symbol?.declarations?.find((d) => typescript.isInterfaceDeclaration(d) || typescript.isClassDeclaration(d) || typescript.isEnumDeclaration(d));
      return named === undefined ? undefined : readDoc(named).text || undefined;
    }
    const text = readDoc(declaration).text;
    if (text) return text;
    node = declaration.type;
  }
  return undefined;
}

/** The `@default` a declaration's type takes from its aliases (the nearest wins), if any. */
function aliasDefaultTag(site: SchemaSite, checker: ts.TypeChecker): DocTag | undefined {
  const written = writtenAt(site);
  if (written === undefined) return undefined;
  return aliasTags(expand(checker, written).aliases).findLast((t) => t.name === "default");
}

const TYPESCRIPT_ERROR = `MCPC${Messages.TypeScriptError.code}`;

/** The 'any' the checker puts where it could not resolve a type (its intrinsic name is "error"). */
function isErrorType(type: ts.Type): boolean {
  return (type as { intrinsicName?: string }).intrinsicName === "error";
}
