// The compiler's run: load → analyze → emit, each phase handing the next one
// typed value (LoadedProject, Analysis, OutputFiles), then the output swapped
// in on disk.
import { existsSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import { CompilerLimitError, loadProject, type LoadedProject } from "./1-load/load-project.js";
import type { Analysis, Features } from "./2-analyze/analysis.js";
import { analyzeProject } from "./2-analyze/analyze.js";
import type { ToolSpec } from "./2-analyze/tool-spec.js";
import type { AnalysisMemo } from "./2-analyze/analyze.js";
import { TypeCheckMemo } from "./2-analyze/incremental-check.js";
import { ToolSpecMemo } from "./2-analyze/tool-reuse.js";
import { AppEmitMemo } from "./3-emit/app-emit-memo.js";
import type { OutputFiles } from "./3-emit/output-files.js";
import { TrackedValidatorCache } from "./3-emit/tracked-validators.js";
import { Messages } from "./diagnostics/catalog.js";
import { DiagnosticBag, type Diagnostic } from "./diagnostics/diagnostic.js";
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
  /** The tools found; empty when the project could not be loaded. */
  tools: ToolSpec[];
  /** Resources, templates and prompts found; empty when the project could not be loaded. */
  features: Features;
  /** Everything analysis found, once the project loaded. */
  analysis: Analysis | undefined;
  /** The loaded program, once the project loaded (a watch session hands it to the next load). */
  loaded: LoadedProject | undefined;
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
 * the specs of tools the edit cannot have changed, the compiled validators,
 * and the output as it was written.
 */
export interface BuildSession extends AnalysisMemo {
  loaded?: LoadedProject;
  /** The user's modules as last emitted, for the files the edit could not change. */
  app: AppEmitMemo;
  validators: TrackedValidatorCache;
  written?: { outDir: string; files: OutputFiles };
}

export function newBuildSession(): BuildSession {
  return { tools: new ToolSpecMemo(), checks: new TypeCheckMemo(), app: new AppEmitMemo(), validators: new TrackedValidatorCache() };
}

const NO_FEATURES: Features = { resources: [], resourceTemplates: [], prompts: [] };

/** Reads the entries and builds every spec and schema; writes nothing (`mcpc check`). */
export function analyze(options: CompileOptions, previous?: LoadedProject, memo?: AnalysisMemo): AnalysisResult {
  const cwd = options.cwd ?? process.cwd();
  const bag = new DiagnosticBag();
  const failed = (): AnalysisResult => ({ diagnostics: bag.sorted(), tools: [], features: NO_FEATURES, analysis: undefined, loaded: undefined });
  const entry = resolve(cwd, options.entries[0] ?? ".");
  const loaded = atPhaseBoundary(bag, entry, () => loadProject(options.entries, cwd, bag, options.tsconfig, previous, options));
  if (loaded === undefined) return failed();
  const analysis = atPhaseBoundary(bag, entry, () => analyzeProject(loaded, cwd, bag, memo));
  if (analysis === undefined) return failed();
  const { resources, resourceTemplates, prompts } = analysis;
  return { diagnostics: bag.sorted(), tools: analysis.tools, features: { resources, resourceTemplates, prompts }, analysis, loaded };
}

/**
 * Runs one phase so that a stack overflow (TypeScript and the schema walker
 * recurse once per nesting level) becomes a located diagnostic naming the
 * file, never a RangeError on the user's terminal or in `--format json`.
 */
function atPhaseBoundary<T>(bag: DiagnosticBag, entry: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof RangeError) && !(error instanceof CompilerLimitError)) throw error;
    const file = error instanceof CompilerLimitError ? error.fileName : entry;
    bag.report(Messages.CompilerLimit, { file: basename(file) }, { path: file });
    return undefined;
  }
}

/** Analyses, then emits the server into memory; `write` puts it on disk (only when there are no errors). */
export async function build(options: CompileOptions, write = true, session?: BuildSession): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir ?? DEFAULT_OUT_DIR);
  const result = analyze(options, session?.loaded, session);
  if (session !== undefined && result.loaded !== undefined) session.loaded = result.loaded;
  const errors = result.diagnostics.some((d) => d.severity === "error");
  if (errors || result.analysis === undefined) {
    session?.app.forget(result.analysis?.affected);
    return { ...result, outDir };
  }
  // The emitter loads here, not with this module: `mcpc check` (analyze alone) never runs it.
  const [{ emit }, { isReplaceable, updateOutput, writeOutput }, { loadValidatorStore, saveValidatorStore }] = await Promise.all([
    import("./3-emit/emit.js"),
    import("./3-emit/write-output.js"),
    import("./3-emit/validator-store.js"),
  ]);
  if (write && !isReplaceable(outDir)) {
    session?.app.forget(result.analysis.affected);
    const bag = new DiagnosticBag();
    bag.report(Messages.OutputNotOurs, { dir: relative(cwd, outDir) || outDir }, undefined);
    return { ...result, diagnostics: [...result.diagnostics, ...bag.items], outDir };
  }
  let files: OutputFiles;
  // A build starts from the validators its output's last one-off build compiled (a watch session from
  // then on keeps its own, and leaves the store as it was: its cache holds every schema of the session).
  const store = write && session?.written === undefined ? loadValidatorStore(outDir) : undefined;
  if (session !== undefined && store !== undefined) for (const [text, code] of store) session.validators.set(text, code);
  try {
    files = await emit(result.analysis, { cwd, outDir, client: options.client === true, validators: session?.validators ?? store, app: session?.app });
  } catch (error) {
    session?.app.forget(undefined);
    const bag = new DiagnosticBag();
    bag.report(Messages.InternalError, { tool: "the server", message: (error as Error)?.stack ?? String(error) }, undefined);
    return { ...result, diagnostics: [...result.diagnostics, ...bag.items], outDir };
  }
  session?.validators.endBuild();
  if (write) {
    // A rebuild rewrites only the files that changed since the last write.
    const written = session?.written;
    if (written !== undefined && written.outDir === outDir && existsSync(outDir)) updateOutput(outDir, files, written.files);
    else writeOutput(outDir, files);
    if (session !== undefined) session.written = { outDir, files };
    if (store !== undefined && session === undefined) saveValidatorStore(outDir, store);
  }
  return { ...result, files, outDir };
}
