
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { PROTOTYPE_KEY } from "../schema/prototype-key.js";
import { argumentType } from "./argument-type.js";
import { isContextType } from "./extract-tool.js";
import type { ExportedFunction } from "./find-functions.js";
import type { ArgumentSpec } from "./feature-spec.js";
import { readDoc, readParamDocs } from "../typescript/jsdoc.js";
import { hasTag } from "../typescript/mcpc-tags.js";
import type { ParameterBinding } from "./tool-spec.js";

export interface FeatureParameter {
  spec: ArgumentSpec;
  description?: string;
  optional: boolean;
  node: ts.ParameterDeclaration;
}

export interface FeatureParameters {
  bindings: ParameterBinding[];
  params: FeatureParameter[];
}

/**
 * The parameters of a resource or prompt function: plain named parameters
 * whose types can be written as text, plus an optional Context anywhere.
 */
export function extractFeatureParameters(
  found: ExportedFunction,
  name: string,
  checker: ts.TypeChecker,
  bag: DiagnosticBag,
  what: "variable" | "argument",
): FeatureParameters | undefined {
  const paramDocs = readParamDocs(found.fn);
  const bindings: ParameterBinding[] = [];
  const params: FeatureParameter[] = [];
  let ok = true;
  for (const param of found.fn.parameters) {
    const type = checker.getTypeAtLocation(param);
    if (isContextType(type)) {
      bindings.push({ kind: "context" });
      continue;
    }
    if (!typescript.isIdentifier(param.name) || param.dotDotDotToken !== undefined) {
      bag.report(Messages.DestructuredFeatureParameter, { name }, param);
      ok = false;
      continue;
    }
    const paramName = param.name.text;
    if (paramName === PROTOTYPE_KEY) {
      bag.report(Messages.PrototypeName, { where: `Parameter '${paramName}' of ${what === "variable" ? "resource" : "prompt"} '${name}'` }, param.name);
      ok = false;
      continue;
    }
    const allowNonString = what === "variable";
    const kind = argumentType(type, allowNonString);
    if (kind === undefined) {
      bag.report(
        Messages.UnsupportedArgumentType,
        {
          what: `Parameter '${paramName}' of ${what === "variable" ? "resource" : "prompt"} '${name}'`,
          written: checker.typeToString(type),
          place: what === "variable" ? "a URI" : "a prompt argument",
          expected: allowNonString ? "string, number, boolean or a union of literals" : "a string or a union of string literals (prompt arguments are text)",
        },
        param.type ?? param.name,
      );
      ok = false;
      continue;
    }
    // `@integer` on the parameter narrows a number to whole numbers.
    if (kind.type === "number" && hasTag(readDoc(param).tags, "integer")) kind.type = "integer";
    const description = paramDocs.get(paramName) || readDoc(param).text || undefined;
    const optional = param.questionToken !== undefined || param.initializer !== undefined || (type.isUnion() && type.types.some((t) => t.flags & typescript.TypeFlags.Undefined));
    params.push({ spec: { name: paramName, ...kind }, ...(description === undefined ? {} : { description }), optional, node: param });
    bindings.push({ kind: "named", name: paramName });
  }
  return ok ? { bindings, params } : undefined;
}
