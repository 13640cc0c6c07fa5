import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { isUserFile } from "../typescript/user-files.js";
import { basename, dirname, join, relative, sep } from "node:path";
import type { AppEmitMemo } from "./app-emit-memo.js";
import { RUNTIME_INDEX } from "./runtime-copy.js";
import { rememberAlone, spliceAlone } from "./spliced-emit.js";
import { emitAlone, emitModule, standsAlone, type EmittedModule } from "./standalone-emit.js";

/** Where the user's compiled modules go inside the output directory. */
export const APP_DIR = "app";

export interface TranspiledApp {
  /** Output path (relative to the output directory) by source file. */
  outputPathOf: Map<string, string>;
  /** Each module and its source map (`app/x.js`, `app/x.js.map`). */
  files: Map<string, string>;
}

/**
 * Compiles the user's modules to ES modules under `app/`, mirroring their
 * layout, with the program's full type information (so type-only imports
 * vanish exactly as tsc would drop them). Imports of the user's own files
 * (relative, or through tsconfig `paths`, as TypeScript resolves them) are
 * rewritten to the emitted `.js` files, whatever extension the source wrote;
 * `mcpc/runtime` to the runtime copied into the output. A module that uses
 * CommonJS's `__dirname`, `__filename` or `require` gets them defined from
 * `import.meta.url`, as Node's guide to moving CommonJS to ES modules does.
 * Each module has a source map beside it, naming its source relative to the
 * map (so the output is the same on every machine), for the runtime's stack
 * traces; `outDir` is where the files will finally be.
 */
export function transpileApp(
  program: ts.Program,
  outDir: string,
  transformers: readonly ts.TransformerFactory<ts.SourceFile>[] = [],
  reuse?: AppReuse,
): TranspiledApp {
  const userFiles = program.getSourceFiles().filter((f) => isUserFile(f, program));
  const root = appSourceRoot(program);
  const outputPathOf = new Map<string, string>();
  for (const file of userFiles) {
    const rel = relative(root, file.fileName).split(sep).join("/");
    outputPathOf.set(file.fileName, `${APP_DIR}/${rel.replace(/\.(ts|mts|cts|tsx)$/, ".js")}`);
  }
  const files = new Map<string, string>();
  const options = program.getCompilerOptions();
  for (const file of userFiles) {
    const ownPath = outputPathOf.get(file.fileName)!;
    const place = `${outDir}\n${ownPath}`;
    const kept = reuse?.affected !== undefined && !reuse.affected.has(file) && !reuse.alwaysEmit.has(file) ? reuse.memo.lookup(file, place) : undefined;
    if (kept !== undefined) {
      for (const [path, text] of kept) files.set(path, text);
      continue;
    }
    const splice = reuse !== undefined && !reuse.alwaysEmit.has(file) ? reuse.memo : undefined;
    const written = moduleFiles(file, program, ownPath, outputPathOf, outDir, { before: [...transformers, rewriteRelativeImports(file, ownPath, outputPathOf, options)] }, splice);
    for (const [path, text] of written) files.set(path, text);
    reuse?.memo.remember(file, place, written);
  }
  return { outputPathOf, files };
}

/** What lets a watch rebuild keep the modules its edit cannot have changed. */
export interface AppReuse {
  memo: AppEmitMemo;
  /** The files the edit may have changed; undefined: any. */
  affected: ReadonlySet<ts.SourceFile> | undefined;
  /** Files whose code depends on more than their own text (a typed elicitation gets its schema written in). */
  alwaysEmit: ReadonlySet<ts.SourceFile>;
}

/** One user module's files in app/: the module (after the CommonJS globals it needs) and its map. */
function moduleFiles(
  file: ts.SourceFile,
  program: ts.Program,
  ownPath: string,
  outputPathOf: Map<string, string>,
  outDir: string,
  transformers: ts.CustomTransformers,
  splice?: AppEmitMemo,
): Array<readonly [string, string]> {
  const { code, map } = standsAlone(file, program) ? emitStandingAlone(file, program.getCompilerOptions(), transformers, splice) : emitModule(program, file, transformers);
  if (code === undefined) return [];
  const shim = commonJsGlobalsShim(file, program);
  if (map === undefined) return [[ownPath, shim + code]];
  const mapName = `${basename(ownPath)}.map`;
  const source = relative(dirname(join(outDir, ownPath)), file.fileName).split(sep).join("/");
  return [
    [ownPath, `${shim}${code.replace(SOURCE_MAPPING_URL, "")}//# sourceMappingURL=${mapName}\n`],
    [`${ownPath}.map`, relocatedSourceMap(map, basename(ownPath), source, lineCount(shim))],
  ];
}

/** A module that stands alone, spliced into its last emit when a watch session has one, else emitted whole. */
function emitStandingAlone(file: ts.SourceFile, options: ts.CompilerOptions, transformers: ts.CustomTransformers, memo?: AppEmitMemo): EmittedModule {
  // Outside a watch session nothing is spliced later: no layout to keep.
  if (memo === undefined) return emitAlone(file, options, transformers);
  const previous = memo.alone.get(file.fileName);
  let next = previous === undefined ? undefined : spliceAlone(previous, file, options, transformers);
  if (next === undefined) next = rememberAlone(file, emitAlone(file, options, transformers));
  else memo.spliced++;
  memo.alone.set(file.fileName, next);
  return next.emitted;
}

/** TypeScript's comment naming the map, as it named it (its own output path, not ours). */
const SOURCE_MAPPING_URL = /\/\/# sourceMappingURL=\S*\s*$/;

/**
 * TypeScript's map, told where the module really is: `file` is its name in
 * app/, the one source is given relative to the map (no sourceRoot, no
 * absolute path of this machine), and the lines the CommonJS shim puts
 * above the code are lines without mappings.
 */
function relocatedSourceMap(map: string, file: string, source: string, linesAbove: number): string {
  const parsed = JSON.parse(map) as { version: number; names?: string[]; mappings: string };
  return `${JSON.stringify({ version: parsed.version, file, sources: [source], names: parsed.names ?? [], mappings: ";".repeat(linesAbove) + parsed.mappings })}\n`;
}

function lineCount(text: string): number {
  let count = 0;
  for (const char of text) if (char === "\n") count++;
  return count;
}

function rewriteRelativeImports(
  file: ts.SourceFile,
  ownPath: string,
  outputPathOf: Map<string, string>,
  options: ts.CompilerOptions,
): ts.TransformerFactory<ts.SourceFile> {
  const target = (specifier: string): string | undefined => {
    // The types of mcpc/runtime come from the installed package; the code from the copy in the output.
    // Any other specifier is rewritten only when TypeScript resolves it to one of the user's files
    // (a relative import, or a tsconfig `paths` alias such as '@core/math').
    const out =
      specifier === "mcpc/runtime"
        ? RUNTIME_INDEX
        : outputPathOf.get(typescript.resolveModuleName(specifier, file.fileName, options, typescript.sys).resolvedModule?.resolvedFileName ?? "");
    if (out === undefined) return undefined;
    const rel = relative(dirname(ownPath), out).split(sep).join("/");
    return rel.startsWith(".") ? rel : `./${rel}`;
  };
  return (context) => {
    const f = context.factory;
    const visit = (node: ts.Node): ts.Node => {
      if (typescript.isImportDeclaration(node) && typescript.isStringLiteral(node.moduleSpecifier)) {
        const to = target(node.moduleSpecifier.text);
        if (to !== undefined) {
          return f.updateImportDeclaration(node, node.modifiers, node.importClause, f.createStringLiteral(to), node.attributes);
        }
      } else if (typescript.isExportDeclaration(node) && node.moduleSpecifier && typescript.isStringLiteral(node.moduleSpecifier)) {
        const to = target(node.moduleSpecifier.text);
        if (to !== undefined) {
          return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, f.createStringLiteral(to), node.attributes);
        }
      } else if (typescript.isCallExpression(node) && node.expression.kind === typescript.SyntaxKind.ImportKeyword) {
        const [first, ...rest] = node.arguments;
        if (first !== undefined && typescript.isStringLiteralLike(first)) {
          const to = target(first.text);
          if (to !== undefined) return f.updateCallExpression(node, node.expression, node.typeArguments, [f.createStringLiteral(to), ...rest]);
        }
      }
      return typescript.visitEachChild(node, visit, context);
    };
    // Static imports and exports are statements of the file; only a file
    // that says `import(` has calls to look for deeper (walking every node
    // of every file was a tenth of emitting it).
    const visitStatement = DYNAMIC_IMPORT.test(file.text)
      ? visit
      : (node: ts.Node): ts.Node => (typescript.isImportDeclaration(node) || typescript.isExportDeclaration(node) ? visit(node) : node);
    return (sourceFile) => typescript.visitEachChild(sourceFile, visitStatement, context);
  };
}

/**
 * The directory `app/` mirrors: the deepest one holding every user file. A file the code reads at
 * run time (an asset) keeps its path relative to it, so it sits beside the module that reads it.
 */
export function appSourceRoot(program: ts.Program): string {
  return commonDirectory(
    program
      .getSourceFiles()
      .filter((f) => isUserFile(f, program))
      .map((f) => dirname(f.fileName)),
  );
}

const DYNAMIC_IMPORT = /\bimport\s*\(/;

const COMMONJS_GLOBALS = ["__dirname", "__filename", "require"] as const;

/**
 * The declarations of CommonJS's module globals that an ES module lacks, for
 * those the file uses without declaring them itself (the checker resolves
 * the name to Node's global declarations, or to nothing). Prepended to the
 * emitted module: imports are hoisted, so the order of lines does not matter.
 */
function commonJsGlobalsShim(file: ts.SourceFile, program: ts.Program): string {
  if (!/\b(__dirname|__filename|require)\b/.test(file.text)) return "";
  const checker = program.getTypeChecker();
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node) && (COMMONJS_GLOBALS as readonly string[]).includes(node.text) && !used.has(node.text) && isFreeReference(node)) {
      const declarations = checker.getSymbolAtLocation(node)?.declarations ?? [];
      if (declarations.every((d) => d.getSourceFile().isDeclarationFile)) used.add(node.text);
    }
    typescript.forEachChild(node, visit);
  };
  visit(file);
  if (used.size === 0) return "";
  const lines: string[] = [];
  if (used.has("__dirname") || used.has("__filename")) lines.push(`import { fileURLToPath as __mcpc_fileURLToPath } from "node:url";`);
  if (used.has("require")) lines.push(`import { createRequire as __mcpc_createRequire } from "node:module";`);
  if (used.has("__dirname")) lines.push(`import { dirname as __mcpc_dirname } from "node:path";`);
  // __dirname is derived from __filename, so both are declared when either is used.
  if (used.has("__dirname") || used.has("__filename")) lines.push(`const __filename = __mcpc_fileURLToPath(import.meta.url);`);
  if (used.has("__dirname")) lines.push(`const __dirname = __mcpc_dirname(__filename);`);
  if (used.has("require")) lines.push(`const require = __mcpc_createRequire(import.meta.url);`);
  return `${lines.join("\n")}\n`;
}

/** An identifier read as a value, not a property name, a declaration's name or part of a type. */
function isFreeReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if ((typescript.isPropertyAccessExpression(parent) && parent.name === node) || (typescript.isQualifiedName(parent) && parent.right === node)) return false;
  if ((typescript.isPropertyAssignment(parent) || typescript.isMethodDeclaration(parent) || typescript.isPropertyDeclaration(parent)) && parent.name === node) return false;
  if (typescript.isTypeReferenceNode(parent) || typescript.isTypeQueryNode(parent)) return false;
  return true;
}

function commonDirectory(dirs: string[]): string {
  if (dirs.length === 0) return ".";
  let common = dirs[0]!.split(/[\\/]/);
  for (const dir of dirs.slice(1)) {
    const parts = dir.split(/[\\/]/);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(sep) || sep;
}
