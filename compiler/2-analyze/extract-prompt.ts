
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { awaitedType } from "./awaited-type.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { isPromptMessages } from "./content-types.js";
import { bindCompleteTags } from "./declaration-kind.js";
import { extractFeatureParameters } from "./extract-feature-parameters.js";
import { TOOL_NAME, isStringLike, nonUndefined } from "./extract-tool.js";
import type { PromptSpec } from "./feature-spec.js";
import type { ExportedFunction } from "./find-functions.js";
import { readIcons } from "./icon-tags.js";
import { readScopes } from "./scope-tags.js";
import { readDoc } from "../typescript/jsdoc.js";
import { findTag } from "../typescript/mcpc-tags.js";

/**
 * A function tagged `@prompt`: its parameters are the prompt's arguments
 * (text; optional ones not required), it returns a string (one user message)
 * or PromptMessage[].
 */
export function extractPrompt(found: ExportedFunction, checker: ts.TypeChecker, bag: DiagnosticBag): PromptSpec | undefined {
  const doc = readDoc(found.docHost);
  const nameTag = findTag(doc.tags, "name");
  const name = nameTag?.text || found.exportName;
  if (!TOOL_NAME.test(name)) bag.report(Messages.InvalidToolName, { name }, nameTag?.node ?? found.nameNode);
  const parameters = extractFeatureParameters(found, name, checker, bag, "argument");
  const result = promptResult(found, name, checker, bag);
  if (parameters === undefined || result === undefined) return undefined;
  if (!bindCompleteTags(name, doc.tags, parameters, bag)) return undefined;

  const listing: Record<string, unknown> = { name };
  const title = findTag(doc.tags, "title")?.text;
  if (title) listing.title = title;
  if (doc.text.trim() !== "") listing.description = doc.text;
  const icons = readIcons(doc.tags, bag);
  if (icons !== undefined) listing.icons = icons;
  if (parameters.params.length > 0) {
    listing.arguments = parameters.params.map((p) => ({
      name: p.spec.name,
      ...(p.description === undefined ? {} : { description: p.description }),
      required: !p.optional,
    }));
  }
  const scopes = readScopes(doc.tags, bag);
  return {
    ...(scopes !== undefined ? { scopes } : {}),
    exportName: found.exportName,
    entryFile: found.entry.fileName,
    bindings: parameters.bindings,
    usesContext: parameters.bindings.some((b) => b.kind === "context"),
    node: found.nameNode,
    listing,
    arguments: parameters.params.map((p) => p.spec),
    result,
  };
}

function promptResult(found: ExportedFunction, name: string, checker: ts.TypeChecker, bag: DiagnosticBag): PromptSpec["result"] | undefined {
  const declared = checker.getSignatureFromDeclaration(found.fn)?.getReturnType();
  if (declared === undefined) return undefined;
  const type = nonUndefined(awaitedType(checker, declared));
  if (!(type.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown))) {
    if (isStringLike(type)) return "text";
    if (isPromptMessages(type, checker)) return "messages";
  }
  bag.report(Messages.UnsupportedPromptReturn, { name, written: checker.typeToString(type) }, found.fn.type ?? found.nameNode);
  return undefined;
}
