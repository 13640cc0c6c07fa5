
import { isDeepStrictEqual } from "node:util";
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { awaitedType } from "./awaited-type.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { JsonSchema } from "../schema/json-schema.js";
import { PROTOTYPE_KEY } from "../schema/prototype-key.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import { revivalPlanOf } from "../schema/revival-plan.js";
import type { SchemaSite } from "../schema/site.js";
import { awaitedSyntax } from "../schema/written-type.js";
import type { ExportedFunction } from "./find-functions.js";
import { readDoc } from "../typescript/jsdoc.js";
import { MemberDocs } from "../schema/member-docs.js";
import { readParamBlocks, reportUnreachedMembers, resolveParamDocs } from "./param-docs.js";
import { findTag } from "../typescript/mcpc-tags.js";
import { isContentResult } from "./content-types.js";
import { readIcons } from "./icon-tags.js";
import { literalValue } from "../typescript/literal-value.js";
import { readScopes } from "./scope-tags.js";
import { declaresDialect, JSON_SCHEMA_2020_12, readAnnotations, readTimeout } from "./tool-tags.js";
import type { ParameterBinding, ResultKind, ToolSpec } from "./tool-spec.js";

/** The spec's rule for tool names. */
export const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Reads one exported function into a ToolSpec: its name and documentation,
 * a schema for its parameters and one for its result. Reports what it cannot
 * represent and returns undefined then.
 */
export function extractTool(found: ExportedFunction, checker: ts.TypeChecker, bag: DiagnosticBag): ToolSpec | undefined {
  const errorsBefore = bag.errorCount;
  const doc = readDoc(found.docHost);
  const nameTag = findTag(doc.tags, "name");
  const name = nameTag?.text || found.exportName;
  if (!TOOL_NAME.test(name)) bag.report(Messages.InvalidToolName, { name }, nameTag?.node ?? found.nameNode);
  if (doc.text.trim() === "") bag.report(Messages.MissingDescription, { tool: name }, found.nameNode);

  const input = extractParameters(found, name, checker, bag);
  const output = extractResult(found, name, checker, bag);
  if (bag.errorCount > errorsBefore || input === undefined || output === undefined) return undefined;

  const spec: ToolSpec = {
    name,
    exportName: found.exportName,
    description: doc.text,
    entryFile: found.entry.fileName,
    bindings: input.bindings,
    inputSchema: input.schema,
    result: output.kind,
    outputViaJson: output.viaJson,
    usesContext: input.bindings.some((b) => b.kind === "context"),
    node: found.nameNode,
  };
  if (declaresDialect(doc.tags)) spec.inputSchema = { $schema: JSON_SCHEMA_2020_12, ...spec.inputSchema };
  const title = findTag(doc.tags, "title")?.text;
  if (title) spec.title = title;
  if (output.schema !== undefined) spec.outputSchema = output.schema;
  const revival = revivalPlanOf(input.schema);
  if (revival !== undefined) spec.revival = revival;
  const annotations = readAnnotations(doc.tags, bag);
  if (annotations !== undefined) spec.annotations = annotations;
  const icons = readIcons(doc.tags, bag);
  if (icons !== undefined) spec.icons = icons;
  const timeoutMs = readTimeout(doc.tags, bag);
  if (timeoutMs !== undefined) spec.timeoutMs = timeoutMs;
  const scopes = readScopes(doc.tags, bag);
  if (scopes !== undefined) spec.scopes = scopes;
  return spec;
}

interface InputSide {
  bindings: ParameterBinding[];
  schema: JsonSchema;
}

function extractParameters(found: ExportedFunction, tool: string, checker: ts.TypeChecker, bag: DiagnosticBag): InputSide | undefined {
  const params = found.fn.parameters;
  const valueParams = params.filter((p) => !isContextType(checker.getTypeAtLocation(p)));
  const names = params.flatMap((p) => (typescript.isIdentifier(p.name) ? [p.name.text] : []));
  const pattern = valueParams.find((p) => !typescript.isIdentifier(p.name));
  const destructured = pattern === undefined ? undefined : checker.getPropertiesOfType(nonUndefined(checker.getTypeAtLocation(pattern))).map((p) => p.getName());
  const signature = destructured === undefined ? { names } : { names, destructured, renamed: renamedBindings(pattern!.name) };
  const paramDocs = resolveParamDocs(readParamBlocks(found.fn, tool, bag), signature, tool, bag);
  const memberDocs = new MemberDocs(paramDocs.members);
  const builder = new SchemaBuilder(checker, bag, "input", memberDocs);
  const bindings: ParameterBinding[] = [];
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  let whole: JsonSchema | undefined;

  for (const param of params) {
    const type = checker.getTypeAtLocation(param);
    if (isContextType(type)) {
      bindings.push({ kind: "context" });
      continue;
    }
    if (!typescript.isIdentifier(param.name)) {
      // `({ a, b }: Args)`: the object's properties are the tool's arguments.
      if (valueParams.length > 1) {
        bag.report(Messages.DestructuredParameterNotAlone, { tool }, param);
        return undefined;
      }
      const site: SchemaSite = { where: "The destructured parameter", tool, node: param, typeNode: param.type, path: "" };
      if ((type.flags & typescript.TypeFlags.Any) && param.type === undefined) {
        bag.report(Messages.ParameterWithoutType, { tool, param: param.name.getText() }, param);
        return undefined;
      }
      const root = paramDocs.root;
      const tags = [...readDoc(param).tags, ...(root?.tags ?? [])];
      const built = builder.build(nonUndefined(type), site, root?.description === undefined ? { tags } : { description: root.description, tags });
      if (built === undefined) return undefined;
      reportUnreachedMembers(memberDocs, paramDocs, "", tool, bag);
      const schema = builder.finishRoot(built);
      if (schema.type !== "object") {
        bag.report(Messages.DestructuredParameterNotObject, { tool, written: checker.typeToString(type) }, param);
        return undefined;
      }
      addBindingDefaults(param.name, schema, "", tool, bag);
      whole = schema;
      bindings.push({ kind: "whole" });
      continue;
    }
    const name = param.name.text;
    if (name === PROTOTYPE_KEY) {
      bag.report(Messages.PrototypeName, { where: `Parameter '${name}' of tool '${tool}'` }, param.name);
      continue;
    }
    if (param.type === undefined && param.initializer === undefined && type.flags & typescript.TypeFlags.Any) {
      bag.report(Messages.ParameterWithoutType, { tool, param: name }, param.name);
      continue;
    }
    const inline = readDoc(param);
    const written = paramDocs.byParameter.get(name);
    // The @param (written for the tool's reader) wins over a comment on the parameter itself.
    const description = written?.description || inline.text || undefined;
    const site: SchemaSite = { where: `Parameter '${name}'`, tool, node: param.name, typeNode: param.type, path: name };
    const tags = [...inline.tags, ...(written?.tags ?? [])];
    const isRest = param.dotDotDotToken !== undefined;
    const schema = builder.build(isRest ? type : nonUndefined(type), site, description === undefined ? { tags } : { description, tags });
    if (schema === undefined) continue;
    reportUnreachedMembers(memberDocs, paramDocs, name, tool, bag);
    if (param.initializer !== undefined) applySignatureDefault(schema, param.initializer, name, tool, bag);
    properties[name] = schema;
    const optional = param.questionToken !== undefined || param.initializer !== undefined || isRest || includesUndefined(type);
    if (!optional) required.push(name);
    bindings.push(isRest ? { kind: "rest", name } : { kind: "named", name });
  }

  if (whole !== undefined) return { bindings, schema: whole };
  const schema: JsonSchema = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = false;
  return { bindings, schema: builder.finishRoot(schema) };
}

/** `{ perPage: size }` binds the property perPage as size: size → perPage. */
function renamedBindings(pattern: ts.BindingName): Map<string, string> {
  const out = new Map<string, string>();
  if (!typescript.isObjectBindingPattern(pattern)) return out;
  for (const element of pattern.elements) {
    const key = element.propertyName;
    if (key === undefined || !typescript.isIdentifier(element.name)) continue;
    if (typescript.isIdentifier(key) || typescript.isStringLiteral(key)) out.set(element.name.text, key.text);
  }
  return out;
}

/**
 * `({ page = 1 }: Paging)`: a literal default written in the pattern becomes the property's
 * `default`, as `f(page = 1)` does for a parameter (a tag's `@default` wins, as there); so do
 * defaults in nested patterns (`({ address: { city = "Paris" } }: Args)`).
 */
function addBindingDefaults(pattern: ts.BindingName, schema: JsonSchema, path: string, tool: string, bag: DiagnosticBag): void {
  if (!typescript.isObjectBindingPattern(pattern)) return;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties === undefined) return;
  for (const element of pattern.elements) {
    if (element.dotDotDotToken !== undefined) continue;
    const key = element.propertyName ?? element.name;
    const name = typescript.isIdentifier(key) || typescript.isStringLiteral(key) ? key.text : undefined;
    const property = name === undefined ? undefined : properties[name];
    if (property === undefined) continue;
    // A copy: the schema built for a nested object is not shared with another place.
    const updated: JsonSchema = { ...property };
    if (typescript.isObjectBindingPattern(element.name) && updated.properties !== undefined) {
      updated.properties = { ...(updated.properties as Record<string, JsonSchema>) };
      addBindingDefaults(element.name, updated, `${path}${name}.`, tool, bag);
    }
    if (element.initializer !== undefined) applySignatureDefault(updated, element.initializer, `${path}${name}`, tool, bag);
    properties[name!] = updated;
  }
}

/**
 * A literal default in the signature becomes `default`. A JSDoc default (`@default`, `@param [x=…]`)
 * already there wins, as long as the two agree: when they differ the schema would promise the
 * model a value the function does not use, so that is an error (MCPC1019).
 */
function applySignatureDefault(schema: JsonSchema, initializer: ts.Expression, param: string, tool: string, bag: DiagnosticBag): void {
  const value = literalValue(initializer);
  if (value === undefined) return;
  if (!("default" in schema)) {
    schema.default = value.value;
    return;
  }
  if (isDeepStrictEqual(schema.default, value.value)) return;
  bag.report(Messages.DefaultsDisagree, { tool, param, signature: initializer.getText(), jsdoc: JSON.stringify(schema.default) }, initializer);
}

interface OutputSide {
  kind: ResultKind;
  schema?: JsonSchema;
  viaJson: boolean;
}

function extractResult(found: ExportedFunction, tool: string, checker: ts.TypeChecker, bag: DiagnosticBag): OutputSide | undefined {
  const signature = checker.getSignatureFromDeclaration(found.fn);
  if (signature === undefined) return { kind: "void", viaJson: false };
  const declared = signature.getReturnType();
  const type = awaitedType(checker, declared);
  const at = found.fn.type ?? found.nameNode;
  if (type.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown)) {
    // Printed only for the message: typeToString was a third of extraction's time.
    const written = checker.typeToString(type);
    bag.report(Messages.UnsupportedReturnType, { tool, written, reason: `'${written}' says nothing about the result; annotate the return type` }, at);
    return undefined;
  }
  if (isVoidLike(type)) return { kind: "void", viaJson: false };
  if (isStringLike(type)) return { kind: "text", viaJson: false };
  if (isContentResult(type, checker)) return { kind: "content", viaJson: false };

  const builder = new SchemaBuilder(checker, bag, "output");
  const site: SchemaSite = { where: "The return type", tool, node: at, typeNode: awaitedSyntax(found.fn.type), path: "" };
  const built = builder.build(nonUndefined(type), site, { tags: [] });
  if (built === undefined) return undefined;
  const root = builder.finishRoot(built);
  if (root.type === "object" && !includesUndefined(type)) {
    return { kind: "structured", schema: root, viaJson: builder.holdsJsonOnlyValues };
  }
  // Not an object: sent as structuredContent `{ result }`, since the root of an
  // outputSchema must be an object.
  const wrapped: JsonSchema = { type: "object", properties: { result: built }, required: ["result"] };
  return { kind: "wrapped", schema: builder.finishRoot(wrapped), viaJson: builder.holdsJsonOnlyValues };
}

/** The runtime's Context, wherever this copy of mcpc is installed. */
export function isContextType(type: ts.Type): boolean {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (symbol === undefined || symbol.getName() !== "Context") return false;
  return (symbol.declarations ?? []).some((d) => /[\\/]runtime[\\/]context\.(d\.)?ts$/.test(d.getSourceFile().fileName));
}

export function nonUndefined(type: ts.Type): ts.Type {
  if (!type.isUnion()) return type;
  const kept = type.types.filter((t) => !(t.flags & (typescript.TypeFlags.Undefined | typescript.TypeFlags.Void)));
  return kept.length === type.types.length || kept.length === 0 ? type : kept.length === 1 ? kept[0]! : type;
}

export function includesUndefined(type: ts.Type): boolean {
  return type.isUnion() && type.types.some((t) => t.flags & (typescript.TypeFlags.Undefined | typescript.TypeFlags.Void));
}

function isVoidLike(type: ts.Type): boolean {
  if (type.flags & (typescript.TypeFlags.Void | typescript.TypeFlags.Undefined)) return true;
  return type.isUnion() && type.types.every((t) => t.flags & (typescript.TypeFlags.Void | typescript.TypeFlags.Undefined));
}

export function isStringLike(type: ts.Type): boolean {
  if (type.flags & typescript.TypeFlags.StringLike) return true;
  return type.isUnion() && type.types.every((t) => t.flags & typescript.TypeFlags.StringLike);
}
