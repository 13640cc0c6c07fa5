import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { mcpcPackage } from "../own-package.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { isStandardLibraryPath } from "../typescript/standard-library.js";
import { isUserFile } from "../typescript/user-files.js";
import { readServerInfo, type ServerIdentity, type ServerInfo } from "./server-info.js";
import { sourceEncodingProblem, type EncodingProblem } from "./source-encoding.js";
import { SourceFileCache } from "./source-file-cache.js";
import { asUsersTypeScript } from "./users-typescript.js";
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
  /** The user's own source files (what is type-checked, transpiled and watched). */
  userFiles: ts.SourceFile[];
  /** Name, version and defaults the server announces. */
  server: ServerInfo;
}

/** Used when no tsconfig.json is found: strict, modern, ESM. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: typescript.ScriptTarget.ES2022,
  module: typescript.ModuleKind.ESNext,
  moduleResolution: typescript.ModuleResolutionKind.Bundler,
  esModuleInterop: true,
  skipLibCheck: true,
};

const SOURCE_EXTENSION = /\.(ts|mts|tsx)$/;

/**
 * Loads the entry files and everything they import into one program, using
 * the nearest tsconfig.json's compiler options (or strict defaults). Only the
 * entries and their imports are read, not the whole tsconfig `include`.
 */
export function loadProject(
  entryPaths: readonly string[],
  cwd: string,
  bag: DiagnosticBag,
  tsconfig?: string,
  previous?: LoadedProject,
  identity: ServerIdentity = {},
): LoadedProject | undefined {
  const absoluteEntries = entryPaths.map((p) => resolve(cwd, p));
  for (const entry of absoluteEntries) {
    if (!existsSync(entry)) bag.report(Messages.EntryNotFound, { file: entry }, undefined);
    else if (!statSync(entry).isFile() || !SOURCE_EXTENSION.test(entry) || entry.endsWith(".d.ts")) {
      bag.report(Messages.EntryNotTypeScript, { file: entry }, { path: entry });
    }
  }
  if (bag.errorCount > 0) return undefined;

  const tsconfigPath = tsconfig !== undefined ? resolve(cwd, tsconfig) : typescript.findConfigFile(dirname(absoluteEntries[0]!), typescript.sys.fileExists);
  let options: ts.CompilerOptions = DEFAULT_OPTIONS;
  if (tsconfigPath !== undefined) {
    if (!typescript.sys.fileExists(tsconfigPath)) {
      bag.report(Messages.TsconfigError, { file: tsconfigPath, message: "the file does not exist" }, undefined);
      return undefined;
    }
    // Read as a JSON source file, so errors point at the line in tsconfig.json.
    const source = typescript.readJsonConfigFile(tsconfigPath, typescript.sys.readFile);
    const parsed = typescript.parseJsonSourceFileConfigFileContent(source, typescript.sys, dirname(tsconfigPath), undefined, tsconfigPath);
    const syntax = (source as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
    const fatal = [...syntax, ...parsed.errors].filter((e) => e.category === typescript.DiagnosticCategory.Error && e.code !== 18003 /* no inputs */);
    if (fatal.length > 0) {
      for (const error of fatal) bag.add(tsconfigDiagnostic(tsconfigPath, error));
      return undefined;
    }
    options = asUsersTypeScript(parsed.options, dirname(tsconfigPath));
  }

  // Watch mode: the next program reuses the files that did not change, and the old program's structure.
  const runtimeTypes = runtimeTypesFallback(options, absoluteEntries[0]!);
  const compilerOptions = forEsmEmit(runtimeTypes === undefined ? options : { ...options, paths: { ...options.paths, ...runtimeTypes } });
  const reuse = previous !== undefined && previous.tsconfigPath === tsconfigPath && sameOptions(previous.options, compilerOptions) ? previous : undefined;
  const files = reuse?.files ?? new SourceFileCache();
  const encodingProblems = new Map<string, EncodingProblem>();
  const program = typescript.createProgram({
    rootNames: absoluteEntries,
    options: compilerOptions,
    host: compilerHost(compilerOptions, files, encodingProblems),
    oldProgram: reuse?.program,
  });
  const entries = absoluteEntries.map((p) => program.getSourceFile(p)!);
  const userFiles = program.getSourceFiles().filter((f) => isUserFile(f, program));
  for (const file of userFiles) {
    const problem = encodingProblems.get(file.fileName);
    if (problem !== undefined) bag.report(Messages.SourceNotUtf8, { bytes: problem.bytes }, { file, start: problem.start, length: 1 });
  }
  if (runtimeTypes !== undefined) reportRuntimeNotInstalled(userFiles, bag);
  const server = readServerInfo(identity, absoluteEntries[0]!, cwd);
  return { checker: program.getTypeChecker(), program, entries, tsconfigPath, options: compilerOptions, files, userFiles, server };
}

/** What users' tool files import from mcpc (mcpc/testing is for their tests, which run with mcpc installed). */
const RUNTIME_SPECIFIER = "mcpc/runtime";

/**
 * When `mcpc/runtime` does not resolve from the sources (mcpc run through npx
 * or by its path in a project that has not installed it), the program takes
 * the types from this compiler's own package, so the build matches what it
 * emits (the output carries its runtime), and a warning says how to install
 * them for editors and tsc. Undefined when the project resolves them itself.
 */
function runtimeTypesFallback(options: ts.CompilerOptions, from: string): ts.MapLike<string[]> | undefined {
  const resolution = forEsmEmit(options);
  if (typescript.resolveModuleName(RUNTIME_SPECIFIER, from, resolution, typescript.sys).resolvedModule !== undefined) return undefined;
  const declarations = join(mcpcPackage().root, "dist", "runtime", "index.d.ts");
  return existsSync(declarations) ? { [RUNTIME_SPECIFIER]: [declarations] } : undefined;
}

/** MCPC2007 at each import of `mcpc/runtime` in the user's files. */
function reportRuntimeNotInstalled(userFiles: readonly ts.SourceFile[], bag: DiagnosticBag): void {
  for (const file of userFiles) {
    for (const statement of file.statements) {
      const specifier = (typescript.isImportDeclaration(statement) || typescript.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (specifier && typescript.isStringLiteral(specifier) && specifier.text === RUNTIME_SPECIFIER) {
        bag.report(Messages.RuntimeNotInstalled, { specifier: RUNTIME_SPECIFIER }, { file, start: specifier.getStart(file), length: specifier.getWidth(file) });
      }
    }
  }
}

/**
 * TypeScript's own host (the file system, module resolution, @types
 * discovery, the standard library beside the compiler: what tsc does), with
 * parsed files kept in the cache for the next build.
 */
function compilerHost(options: ts.CompilerOptions, files: SourceFileCache, encodingProblems: Map<string, EncodingProblem>): ts.CompilerHost {
  const host = typescript.createCompilerHost(options, true);
  host.getSourceFile = (fileName, languageVersion) => {
    // The standard library's JSDoc is never read (readDoc skips it) and has
    // no bearing on types in declaration files: its files are parsed without it.
    const standard = isStandardLibraryPath(fileName);
    const parse = standard ? withoutJsDoc(languageVersion) : languageVersion;
    const text = standard || /[\\/]node_modules[\\/]/.test(fileName) ? files.readLibrary(fileName, host.readFile) : host.readFile(fileName);
    // Bytes that are not UTF-8 were decoded as U+FFFD: only then are the bytes looked at again.
    if (!standard && text?.includes("\uFFFD")) {
      const problem = sourceEncodingProblem(fileName);
      if (problem !== undefined) encodingProblems.set(fileName, problem);
    }
    try {
      return files.get(fileName, parse, text);
    } catch (error) {
      // TypeScript's parser recurses once per nesting level; a deep enough
      // source overflows the stack. Say which file did it.
      throw error instanceof RangeError ? new CompilerLimitError(fileName, error) : error;
    }
  };
  return host;
}

function withoutJsDoc(languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.CreateSourceFileOptions {
  const options = typeof languageVersion === "object" ? languageVersion : { languageVersion };
  return { ...options, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone };
}

/** A source file TypeScript could not handle within the stack (nesting thousands deep), with the file named. */
export class CompilerLimitError extends Error {
  constructor(
    readonly fileName: string,
    cause: RangeError,
  ) {
    super(cause.message, { cause });
  }
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
    // Maps for the emitted app/ modules: the runtime maps the stack traces it
    // logs to the user's .ts lines (3-emit makes their paths relative).
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    sourceRoot: undefined,
    mapRoot: undefined,
    composite: false,
    incremental: false,
    module: typescript.ModuleKind.ES2022,
  };
  const resolution = options.moduleResolution;
  if (
    resolution === undefined ||
    resolution === typescript.ModuleResolutionKind.Node16 ||
    resolution === typescript.ModuleResolutionKind.NodeNext ||
    resolution === typescript.ModuleResolutionKind.Node10
  ) {
    out.moduleResolution = typescript.ModuleResolutionKind.Bundler;
  }
  if (out.target === undefined || out.target < typescript.ScriptTarget.ES2020) out.target = typescript.ScriptTarget.ES2022;
  return out;
}

function sameOptions(a: ts.CompilerOptions, b: ts.CompilerOptions): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
