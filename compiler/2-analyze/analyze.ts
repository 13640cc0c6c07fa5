import { basename, relative } from "node:path";
import { CompilerLimitError, type LoadedProject } from "../1-load/load-project.js";
import { typeScriptErrors } from "../1-load/typescript-diagnostics.js";
import { Messages } from "../diagnostics/catalog.js";
import { typescript } from "../typescript/compiler-api.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { Analysis } from "./analysis.js";
import { findElicitCalls } from "./elicit-calls.js";
import { extractTool } from "./extract-tool.js";
import { FeatureCollector } from "./feature-collector.js";
import { findExportedFunctions } from "./find-functions.js";
import type { ToolSpec } from "./tool-spec.js";
import { errorsOf, type TypeCheckMemo } from "./incremental-check.js";
import type { ToolSpecMemo } from "./tool-reuse.js";

/** What a watch session keeps from one analysis to the next. */
export interface AnalysisMemo {
  tools: ToolSpecMemo;
  checks: TypeCheckMemo;
}

/**
 * Classifies each entry's exports (the feature collector takes resources,
 * templates, prompts and internal functions; the rest are tools), builds
 * every spec and schema, and finds the typed elicitations in the user's
 * files. Reports into the bag; writes and transforms nothing. A watch
 * session passes its memo, so tools an edit cannot have changed keep their
 * spec from the previous analysis (see tool-reuse.ts).
 */
export function analyzeProject(project: LoadedProject, cwd: string, bag: DiagnosticBag, memo?: AnalysisMemo): Analysis {
  // TypeScript's own errors first: the checker then meets every type while
  // checking a file, so errors it raises while resolving a type (TS2590, a
  // union too complex) are located where written, not lost to global ones.
  // A watch session checks again only what the edit can reach (incremental-check.ts).
  const checked = memo?.checks.check(project.program, project.userFiles) ?? {
    errors: project.userFiles.flatMap((file) => errorsOf(project.program, file)),
    affected: undefined,
  };
  for (const d of typeScriptErrors(project.program, checked.errors)) bag.add(d);
  // A file that does not parse has no signatures worth reading: errors about
  // its half-parsed functions would only echo the syntax error.
  const unparsed = project.userFiles.some((f) => project.program.getSyntacticDiagnostics(f).length > 0);
  if (unparsed) return { project, tools: [], resources: [], resourceTemplates: [], prompts: [], elicitations: new Map(), reusedTools: 0, affected: checked.affected };
  const reuse = memo?.tools.begin(project);
  const tools: ToolSpec[] = [];
  const byName = new Map<string, ToolSpec>();
  const features = new FeatureCollector(project.checker, bag, cwd);
  for (const entry of project.entries) {
    const exported = findExportedFunctions(entry, project.checker);
    // A default export has no name a client could call: refused rather than served as a tool called 'default'.
    const found = exported.filter((fn) => fn.exportName !== "default");
    for (const fn of exported) {
      if (fn.exportName !== "default") continue;
      // The name the function already has (`export default function hello`, `export default greet` of a
      // `const greet = …`), else the file's.
      const ownName =
        typescript.isFunctionDeclaration(fn.fn) && fn.fn.name !== undefined
          ? fn.fn.name.text
          : typescript.isVariableDeclaration(fn.docHost) && typescript.isIdentifier(fn.docHost.name)
            ? fn.docHost.name.text
            : undefined;
      const suggested = ownName ?? basename(entry.fileName).replace(/\.[cm]?tsx?$/, "").replace(/[^A-Za-z0-9_]/g, "_");
      bag.report(Messages.DefaultExport, { file: relative(cwd, entry.fileName), suggested }, fn.nameNode);
    }
    if (exported.length === 0) bag.report(Messages.NoTools, { file: relative(cwd, entry.fileName) }, { path: entry.fileName });
    for (const fn of features.takeEntry(found, entry.fileName)) {
      let tool: ToolSpec | undefined = reuse?.lookup(fn);
      try {
        if (tool === undefined) {
          const reportsBefore = bag.reports;
          tool = extractTool(fn, project.checker, bag);
          if (tool !== undefined && bag.reports === reportsBefore) reuse?.remember(fn, tool);
        }
      } catch (error) {
        // A stack overflow is a limit of the source, not a bug: the phase boundary reports it for the file.
        if (error instanceof RangeError) throw new CompilerLimitError(entry.fileName, error);
        bag.report(Messages.InternalError, { tool: `tool '${fn.exportName}'`, message: internalMessage(error) }, fn.nameNode);
        continue;
      }
      if (tool === undefined) continue;
      const clash = byName.get(tool.name);
      if (clash !== undefined) {
        bag.report(Messages.DuplicateToolName, { name: tool.name, other: `the function '${clash.exportName}' in ${relative(cwd, clash.entryFile)}` }, tool.node);
        continue;
      }
      byName.set(tool.name, tool);
      tools.push(tool);
    }
  }
  const elicitations = findElicitCalls(project.userFiles, project.checker, bag);
  return {
    project,
    tools,
    resources: features.resources,
    resourceTemplates: features.resourceTemplates,
    prompts: features.prompts,
    elicitations,
    reusedTools: reuse?.reused ?? 0,
    affected: checked.affected,
  };
}

/** An internal failure in one line: the message and the frame it came from, not a stack trace. */
function internalMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split("\n").find((line) => line.trim().startsWith("at "))?.trim();
  return frame === undefined ? error.message : `${error.message} (${frame})`;
}
