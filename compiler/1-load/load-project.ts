import { existsSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { bundledLibFiles, ts } from "../ts-morph.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { DerivedFiles } from "../compile-cache.js";
import { SourceFileCache } from "./source-file-cache.js";
import { tsconfigDiagnostic } from "./typescript-diagnostics.js";

export interface LoadedProject {
  checker: ts.TypeChecker;
  program: ts.Program;
  entries: ts.SourceFile[];
  /** The tsconfig.json used, if any. */
  tsconfigPath: string | undefined;
  /** The compiler options the program was built with. */
  options: ts.CompilerOptions;
  /** Parsed files, for the next load of the same project (watch mode). */
  files: SourceFileCache;
}

/** Used when no tsconfig.json is found: strict, modern, ESM. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  skipLibCheck: true,
};

const SOURCE_EXTENSION = /\.(ts|mts|tsx)$/;

/**
 * Loads the entry files and everything they import into one program, using
 * the nearest tsconfig.json's compiler options (or strict defaults). Only the
 * entries and their imports are read, not the whole tsconfig `include`.
 */
export function loadProject(entryPaths: readonly string[], cwd: string, bag: DiagnosticBag, tsconfig?: string, previous?: LoadedProject): LoadedProject | undefined {
  const absoluteEntries = entryPaths.map((p) => resolve(cwd, p));
  for (const entry of absoluteEntries) {
    if (!existsSync(entry)) bag.report(Messages.EntryNotFound, { file: entry }, undefined);
    else if (!statSync(entry).isFile() || !SOURCE_EXTENSION.test(entry) || entry.endsWith(".d.ts")) {
      bag.report(Messages.EntryNotTypeScript, { file: entry }, { path: entry });
    }
  }
  if (bag.errorCount > 0) return undefined;

  const tsconfigPath = tsconfig !== undefined ? resolve(cwd, tsconfig) : ts.findConfigFile(dirname(absoluteEntries[0]!), ts.sys.fileExists);
  let options: ts.CompilerOptions = DEFAULT_OPTIONS;
  if (tsconfigPath !== undefined) {
    if (!ts.sys.fileExists(tsconfigPath)) {
      bag.report(Messages.TsconfigError, { file: tsconfigPath, message: "the file does not exist" }, undefined);
      return undefined;
    }
    // Read as a JSON source file, so errors point at the line in tsconfig.json.
    const source = ts.readJsonConfigFile(tsconfigPath, ts.sys.readFile);
    const parsed = ts.parseJsonSourceFileConfigFileContent(source, ts.sys, dirname(tsconfigPath), undefined, tsconfigPath);
    const syntax = (source as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
    const fatal = [...syntax, ...parsed.errors].filter((e) => e.category === ts.DiagnosticCategory.Error && e.code !== 18003 /* no inputs */);
    if (fatal.length > 0) {
      for (const error of fatal) bag.add(tsconfigDiagnostic(tsconfigPath, error));
      return undefined;
    }
    options = parsed.options;
  }

  // Watch mode: the next program reuses the files that did not change, and the old program's structure.
  const compilerOptions = forEsmEmit(options);
  const reuse = previous !== undefined && previous.tsconfigPath === tsconfigPath && sameOptions(previous.options, compilerOptions) ? previous : undefined;
  const files = reuse?.files ?? new SourceFileCache();
  const program = ts.createProgram({
    rootNames: absoluteEntries,
    options: compilerOptions,
    host: compilerHost(compilerOptions, files),
    oldProgram: reuse?.program,
  });
  const entries = absoluteEntries.map((p) => program.getSourceFile(p)!);
  return { checker: program.getTypeChecker(), program, entries, tsconfigPath, options: compilerOptions, files };
}

/**
 * TypeScript's own host (the file system, module resolution, @types
 * discovery: what tsc does), with two changes: parsed files come from the
 * cache, and the standard library from the copy ts-morph bundles in memory.
 */
function compilerHost(options: ts.CompilerOptions, files: SourceFileCache): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const libDirectory = dirname(ts.getDefaultLibFilePath(options));
  let libFiles: DerivedFiles | undefined;
  // Asked for by fileExists and then readFile: one read, kept.
  const libTexts = new Map<string, string | undefined>();
  const libText = (fileName: string): string | undefined => {
    if (dirname(fileName) !== libDirectory) return undefined;
    if (!libTexts.has(fileName)) libTexts.set(fileName, (libFiles ??= bundledLibFiles()).read(basename(fileName)));
    return libTexts.get(fileName);
  };
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (fileName) => libText(fileName) !== undefined || fileExists(fileName);
  host.readFile = (fileName) => libText(fileName) ?? readFile(fileName);
  host.getSourceFile = (fileName, languageVersion) => files.get(fileName, languageVersion, host.readFile(fileName));
  return host;
}

/**
 * The emitted server is an ES module run by plain node, so user code is
 * compiled as ESM whatever the tsconfig says. Module resolution follows: the
 * node16/nodenext modes require module node16/nodenext, so they are read as
 * 'bundler', which resolves the same imports (and extensionless ones too).
 */
function forEsmEmit(options: ts.CompilerOptions): ts.CompilerOptions {
  const out: ts.CompilerOptions = {
    ...options,
    noEmit: false,
    emitDeclarationOnly: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    inlineSourceMap: false,
    composite: false,
    incremental: false,
    module: ts.ModuleKind.ES2022,
  };
  const resolution = options.moduleResolution;
  if (
    resolution === undefined ||
    resolution === ts.ModuleResolutionKind.Node16 ||
    resolution === ts.ModuleResolutionKind.NodeNext ||
    resolution === ts.ModuleResolutionKind.Node10
  ) {
    out.moduleResolution = ts.ModuleResolutionKind.Bundler;
  }
  if (out.target === undefined || out.target < ts.ScriptTarget.ES2020) out.target = ts.ScriptTarget.ES2022;
  return out;
}

function sameOptions(a: ts.CompilerOptions, b: ts.CompilerOptions): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
