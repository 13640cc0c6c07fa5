
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { awaitedType } from "./awaited-type.js";
import { parseUriTemplate } from "../../runtime/uri-template.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { bindCompleteTags } from "./declaration-kind.js";
import { extractFeatureParameters } from "./extract-feature-parameters.js";
import { isStringLike, nonUndefined } from "./extract-tool.js";
import type { ResourceContentKind, ResourceSpec } from "./feature-spec.js";
import type { ExportedFunction } from "./find-functions.js";
import { readIcons } from "./icon-tags.js";
import { readScopes } from "./scope-tags.js";
import { readDoc, type DocTag } from "../typescript/jsdoc.js";
import { findTag } from "../typescript/mcpc-tags.js";

const DEFAULT_MIME: Record<ResourceContentKind, string> = {
  text: "text/plain",
  json: "application/json",
  blob: "application/octet-stream",
};

/**
 * A function tagged `@resource <uri>`: a static resource when the URI has no
 * variables, a resource template otherwise. The template's variables and the
 * function's parameters must name each other exactly.
 */
export function extractResource(found: ExportedFunction, uriTag: DocTag, checker: ts.TypeChecker, bag: DiagnosticBag): ResourceSpec | undefined {
  const doc = readDoc(found.docHost);
  const name = findTag(doc.tags, "name")?.text || found.exportName;
  const uri = uriTag.text.split(/\s+/)[0] ?? "";
  if (uri === "") {
    bag.report(Messages.MissingResourceUri, { name }, uriTag.node);
    return undefined;
  }
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri)) {
    bag.report(Messages.InvalidUriTemplate, { uri, problem: "it has no scheme (such as 'config://' or 'file:///')" }, uriTag.node);
    return undefined;
  }
  const parsed = parseUriTemplate(uri);
  if (!parsed.ok) {
    bag.report(Messages.InvalidUriTemplate, { uri, problem: parsed.problem }, uriTag.node);
    return undefined;
  }
  const parameters = extractFeatureParameters(found, name, checker, bag, "variable");
  const contents = resourceContents(found, name, checker, bag);
  if (parameters === undefined || contents === undefined) return undefined;

  let ok = true;
  for (const variable of parsed.variables) {
    if (!parameters.params.some((p) => p.spec.name === variable.name)) {
      bag.report(Messages.TemplateVariableWithoutParameter, { uri, variable: variable.name, name }, uriTag.node);
      ok = false;
    }
  }
  for (const param of parameters.params) {
    if (!parsed.variables.some((v) => v.name === param.spec.name)) {
      bag.report(Messages.ParameterWithoutTemplateVariable, { uri, param: param.spec.name, name }, uriTag.node);
      ok = false;
    }
  }
  if (!bindCompleteTags(name, doc.tags, parameters, bag)) ok = false;
  if (!ok) return undefined;

  const isTemplate = parsed.variables.length > 0;
  const listing: Record<string, unknown> = isTemplate ? { uriTemplate: uri, name } : { uri, name };
  const title = findTag(doc.tags, "title")?.text;
  if (title) listing.title = title;
  if (doc.text.trim() !== "") listing.description = doc.text;
  const icons = readIcons(doc.tags, bag);
  if (icons !== undefined) listing.icons = icons;
  listing.mimeType = findTag(doc.tags, "mimeType")?.text || DEFAULT_MIME[contents];
  const annotations = readResourceAnnotations(doc.tags, bag);
  if (annotations !== undefined) listing.annotations = annotations;

  const spec: ResourceSpec = {
    exportName: found.exportName,
    entryFile: found.entry.fileName,
    bindings: parameters.bindings,
    usesContext: parameters.bindings.some((b) => b.kind === "context"),
    node: found.nameNode,
    listing,
    contents,
  };
  if (isTemplate) spec.variables = parameters.params.map((p) => p.spec);
  const scopes = readScopes(doc.tags, bag);
  if (scopes !== undefined) spec.scopes = scopes;
  return spec;
}

function resourceContents(found: ExportedFunction, name: string, checker: ts.TypeChecker, bag: DiagnosticBag): ResourceContentKind | undefined {
  const signature = checker.getSignatureFromDeclaration(found.fn);
  const declared = signature?.getReturnType();
  if (declared === undefined) return undefined;
  const type = nonUndefined(awaitedType(checker, declared));
  const written = checker.typeToString(type);
  const at = found.fn.type ?? found.nameNode;
  if (type.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown | typescript.TypeFlags.Void | typescript.TypeFlags.Undefined)) {
    bag.report(Messages.UnsupportedResourceReturn, { name, written }, at);
    return undefined;
  }
  if (isStringLike(type)) return "text";
  const symbol = type.getSymbol();
  if (symbol !== undefined && (symbol.getName() === "Uint8Array" || symbol.getName() === "Buffer")) return "blob";
  // Anything else must be JSON-shaped: the schema builder says so (and reports where not).
  const builder = new SchemaBuilder(checker, bag, "output");
  const built = builder.build(type, { where: "The return type", tool: name, node: at, typeNode: found.fn.type, path: "" }, { tags: [] });
  return built === undefined ? undefined : "json";
}

/** `@audience user,assistant` and `@priority 0.8` (0 to 1). */
function readResourceAnnotations(tags: readonly DocTag[], bag: DiagnosticBag): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const audience = findTag(tags, "audience");
  if (audience !== undefined) {
    const roles = audience.text.split(/[\s,]+/).filter(Boolean);
    if (roles.length === 0 || roles.some((r) => r !== "user" && r !== "assistant")) {
      bag.report(Messages.InvalidTagValue, { tag: "audience", value: audience.text, expected: "'user', 'assistant' or both" }, audience.node);
    } else out.audience = roles;
  }
  const priority = findTag(tags, "priority");
  if (priority !== undefined) {
    const value = Number(priority.text);
    if (priority.text === "" || !(value >= 0 && value <= 1)) {
      bag.report(Messages.InvalidTagValue, { tag: "priority", value: priority.text, expected: "a number from 0 to 1" }, priority.node);
    } else out.priority = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
