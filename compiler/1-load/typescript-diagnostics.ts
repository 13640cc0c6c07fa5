import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { basename } from "node:path";
import { Messages } from "../diagnostics/catalog.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * TypeScript errors that mcpc reports better itself (an implicit any on a
 * tool parameter is MCPC1001, with the tool named).
 */
const REPORTED_BY_MCPC = new Set([7006, 7031]);

export function fromTypeScriptDiagnostic(d: ts.Diagnostic): Diagnostic {
  const message = typescript.flattenDiagnosticMessageText(d.messageText, "\n");
  const at = d.file !== undefined && d.start !== undefined ? { file: d.file, start: d.start, length: d.length ?? 1 } : undefined;
  return createDiagnostic(Messages.TypeScriptError, { tsCode: d.code, message }, at);
}

/** A tsconfig.json that cannot be read or used: MCPC2003, at the place in the file when TypeScript knows it. */
export function tsconfigDiagnostic(tsconfigPath: string, d: ts.Diagnostic): Diagnostic {
  const message = typescript.flattenDiagnosticMessageText(d.messageText, "\n");
  const at = d.file !== undefined && d.start !== undefined ? { file: d.file, start: d.start, length: d.length ?? 1 } : { path: tsconfigPath };
  return createDiagnostic(Messages.TsconfigError, { file: basename(tsconfigPath), message: `TS${d.code}: ${message}` }, at);
}

/**
 * The program's option errors and the given errors of the user's files, as
 * mcpc reports them (without those mcpc reports better itself).
 */
export function typeScriptErrors(program: ts.Program, fileErrors: readonly ts.Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of program.getOptionsDiagnostics()) out.push(fromTypeScriptDiagnostic(d));
  for (const d of fileErrors) {
    if (d.category !== typescript.DiagnosticCategory.Error || REPORTED_BY_MCPC.has(d.code)) continue;
    out.push(fromTypeScriptDiagnostic(d));
  }
  return out;
}
