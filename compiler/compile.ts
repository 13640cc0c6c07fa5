import type ts from "typescript";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { loadProject, type LoadedProject } from "./1-load/load-project.js";
import { typeScriptErrors } from "./1-load/typescript-diagnostics.js";
import { extractTool } from "./2-extract/extract-tool.js";
import { elicitSchemaTransformer, findElicitCalls } from "./2-extract/elicit-calls.js";
import { FeatureCollector, type Features } from "./2-extract/feature-collector.js";
import { findExportedFunctions } from "./2-extract/find-functions.js";
import type { ToolSpec } from "./2-extract/tool-spec.js";
import type { JsonSchema } from "./3-schema/json-schema.js";
import { Messages } from "./diagnostics/catalog.js";
import { DiagnosticBag, type Diagnostic } from "./diagnostics/diagnostic.js";
import { jsonFile } from "./4-emit/format.js";
import { GENERATED_BY, sortedFiles, type OutputFiles } from "./4-emit/output-files.js";
import { emitServerModule, toolListing, validatorKey, type ServerInfo } from "./4-emit/server-module.js";
import { isUserFile, transpileApp } from "./4-emit/transpile.js";
import { emitValidators, type ValidatorCache } from "./4-emit/validators.js";
import { emitClientModule } from "./4-emit/client-module.js";
import { isReplaceable, updateOutput, writeOutput } from "./4-emit/write-output.js";
import type { ServerDefaults } from "../runtime/definition.js";

export interface CompileOptions {
  entries: string[];
  /** Directory relative paths are resolved from. */
  cwd?: string;
  /** Output directory; default `mcp-server`. */
  outDir?: string;
  tsconfig?: string;
  /** Server name and version; default from the nearest package.json. */
  name?: string;
  version?: string;
  /** Runtime defaults baked into server.js (from the project's mcpc configuration). */
  serverDefaults?: ServerDefaults;
  /** Also emit client.js + client.d.ts: a typed client module (`mcpc build --client`). */
  client?: boolean;
}

export interface AnalysisResult {
  diagnostics: Diagnostic[];
  tools: ToolSpec[];
  /** Resources, resource templates and prompts. */
  features?: Features;
  /** `ctx.elicit<T>(message)` calls and the form schema built from each T. */
  elicitCalls?: Map<ts.CallExpression, JsonSchema>;
  loaded?: LoadedProject;
}

export interface BuildResult extends AnalysisResult {
  /** The emitted files, when there were no errors. */
  files?: OutputFiles;
  outDir: string;
}

export const DEFAULT_OUT_DIR = "mcp-server";

/**
 * What a watch session keeps from one build to the next, so that a rebuild
 * redoes only what the edit changed: the parsed files and the old program,
 * the compiled validators, and the output as it was written.
 */
export interface BuildSession {
  loaded?: LoadedProject;
  validators: ValidatorCache;
  written?: { outDir: string; files: OutputFiles };
}

export function newBuildSession(): BuildSession {
  return { validators: new Map() };
}

/** Reads the entries and builds every tool's spec and schemas; writes nothing (`mcpc check`). */
export function analyze(options: CompileOptions, previous?: LoadedProject): AnalysisResult {
  const cwd = options.cwd ?? process.cwd();
  const bag = new DiagnosticBag();
  const loaded = loadProject(options.entries, cwd, bag, options.tsconfig, previous);
  if (loaded === undefined) return { diagnostics: bag.sorted(), tools: [] };
  const tools: ToolSpec[] = [];
  const byName = new Map<string, ToolSpec>();
  const features = new FeatureCollector(loaded.checker, bag, cwd);
  for (const entry of loaded.entries) {
    const found = findExportedFunctions(entry, loaded.checker);
    if (found.length === 0) bag.report(Messages.NoTools, { file: relative(cwd, entry.fileName) }, { path: entry.fileName });
    for (const fn of features.takeEntry(found, entry.fileName)) {
      let tool: ToolSpec | undefined;
      try {
        tool = extractTool(fn, loaded.checker, bag);
      } catch (error) {
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
  const userFiles = loaded.program.getSourceFiles().filter((f) => isUserFile(f, loaded.program));
  const elicitCalls = findElicitCalls(userFiles, loaded.checker, bag);
  for (const d of typeScriptErrors(loaded.program, (f) => isUserFile(f, loaded.program))) bag.add(d);
  return { diagnostics: bag.sorted(), tools, features, elicitCalls, loaded };
}

/** Analyses, then emits the server into memory; `write` puts it on disk (only when there are no errors). */
export async function build(options: CompileOptions, write = true, session?: BuildSession): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir ?? DEFAULT_OUT_DIR);
  const analysis = analyze(options, session?.loaded);
  if (session !== undefined && analysis.loaded !== undefined) session.loaded = analysis.loaded;
  const errors = analysis.diagnostics.some((d) => d.severity === "error");
  if (errors || analysis.loaded === undefined) return { ...analysis, outDir };
  if (write && !isReplaceable(outDir)) {
    const bag = new DiagnosticBag();
    bag.report(Messages.OutputNotOurs, { dir: relative(cwd, outDir) || outDir }, undefined);
    return { ...analysis, diagnostics: [...analysis.diagnostics, ...bag.items], outDir };
  }
  let files: OutputFiles;
  try {
    files = await emit(analysis, analysis.loaded, serverInfo(options, analysis.loaded, cwd), cwd, session?.validators);
  } catch (error) {
    const bag = new DiagnosticBag();
    bag.report(Messages.InternalError, { tool: "the server", message: (error as Error)?.stack ?? String(error) }, undefined);
    return { ...analysis, diagnostics: [...analysis.diagnostics, ...bag.items], outDir };
  }
  if (options.client === true) files = sortedFiles(new Map([...files, ...emitClientModule(analysis.tools, outDir)]));
  if (write) {
    // A rebuild rewrites only the files that changed since the last write.
    const written = session?.written;
    if (written !== undefined && written.outDir === outDir && existsSync(outDir)) updateOutput(outDir, files, written.files);
    else writeOutput(outDir, files);
    if (session !== undefined) session.written = { outDir, files };
  }
  return { ...analysis, files, outDir };
}

async function emit(analysis: AnalysisResult, loaded: LoadedProject, info: ServerInfo, cwd: string, validators?: ValidatorCache): Promise<OutputFiles> {
  const tools = analysis.tools;
  const features = analysis.features ?? { resources: [], resourceTemplates: [], prompts: [] };
  const elicitCalls = analysis.elicitCalls;
  const app = transpileApp(loaded.program, elicitCalls !== undefined && elicitCalls.size > 0 ? [elicitSchemaTransformer(elicitCalls)] : []);
  const files: OutputFiles = new Map(app.files);
  const entryModules = new Map<string, string>();
  for (const entry of loaded.entries) entryModules.set(entry.fileName, app.outputPathOf.get(entry.fileName)!);

  const schemas = new Map<string, JsonSchema>();
  tools.forEach((tool, i) => {
    schemas.set(validatorKey(i, "input"), tool.inputSchema);
    files.set(`schemas/${tool.name}.input.json`, jsonFile(tool.inputSchema));
    if (tool.outputSchema !== undefined) {
      schemas.set(validatorKey(i, "output"), tool.outputSchema);
      files.set(`schemas/${tool.name}.output.json`, jsonFile(tool.outputSchema));
    }
  });
  files.set("validators.cjs", emitValidators(schemas, validators));
  files.set(
    "manifest.json",
    jsonFile({
      tools: tools.map(toolListing),
      resources: features.resources.map((r) => r.listing),
      resourceTemplates: features.resourceTemplates.map((r) => r.listing),
      prompts: features.prompts.map((p) => p.listing),
    }),
  );
  const sources = loaded.entries.map((e) => relative(cwd, e.fileName).split("\\").join("/")).join(", ");
  files.set("server.js", await emitServerModule(tools, entryModules, info, sources, features));
  files.set(
    "package.json",
    jsonFile({ private: true, type: "module", description: `${GENERATED_BY} from ${sources}. Do not edit.` }),
  );
  return sortedFiles(files);
}

/** Name and version from the options, else from the package.json nearest the first entry. */
function serverInfo(options: CompileOptions, loaded: LoadedProject, cwd: string): ServerInfo {
  const first = loaded.entries[0]!.fileName;
  let dir = dirname(first);
  let pkg: { name?: string; version?: string } = {};
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      try {
        pkg = JSON.parse(readFileSync(candidate, "utf8"));
      } catch {
        pkg = {};
      }
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return {
    name: options.name ?? pkg.name ?? basename(cwd),
    version: options.version ?? pkg.version ?? "0.0.0",
    ...(options.serverDefaults !== undefined && Object.keys(options.serverDefaults).length > 0 ? { defaults: options.serverDefaults } : {}),
  };
}

/** An internal failure in one line: the message and the frame it came from, not a stack trace. */
function internalMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split("\n").find((line) => line.trim().startsWith("at "))?.trim();
  return frame === undefined ? error.message : `${error.message} (${frame})`;
}
