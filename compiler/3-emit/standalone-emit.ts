import type ts from "typescript";
import { factsOf } from "../2-analyze/statement-facts.js";
import { typescript } from "../typescript/compiler-api.js";

/**
 * A module whose JavaScript TypeScript writes the same whether it compiles
 * it with the whole program or alone: every import it keeps is one the
 * program keeps too (each name it imports is read as a value somewhere, and
 * is no const enum; `import type` goes either way), it exports nothing it
 * does not declare, and has no enum (a const enum's members are inlined only
 * with the program), no namespace with code, no decorator (metadata names
 * types) and no JSX; nor does it name a const enum some declaration file
 * makes global.
 *
 * Such a module is emitted by a program of its own (emitAlone): the program
 * of the build would first check the whole file, because its emitter asks
 * the checker for every file it writes, and that check is what a watch
 * rebuild of a large file spent most of its time on, while the rebuild's
 * own check looks only at what the edit can reach (incremental-check.ts).
 */
export function standsAlone(file: ts.SourceFile, program: ts.Program): boolean {
  if (!/\.m?ts$/.test(file.fileName) || file.isDeclarationFile || !typescript.isExternalModule(file)) return false;
  if (/\benum\b/.test(file.text)) return false;
  for (const statement of file.statements) {
    if (typescript.isImportDeclaration(statement)) {
      if (!keptAsWritten(statement, file, program.getTypeChecker())) return false;
    } else if (typescript.isImportEqualsDeclaration(statement) || typescript.isExportDeclaration(statement) || typescript.isExportAssignment(statement)) {
      return false;
    } else if (typescript.isModuleDeclaration(statement) && !isAmbient(statement)) {
      return false;
    }
    if (factsOf(statement).decorated) return false;
  }
  const constEnums = globalConstEnumNames(program);
  return constEnums.size === 0 || !file.statements.some((s) => [...constEnums].some((name) => factsOf(s).mentions.has(name)));
}

/**
 * An import the whole program keeps exactly as an emit that keeps every
 * import writes it (less its \`type\` names): one for its side effects, one
 * of types only, or one whose every name is a value (no const enum) that the
 * file reads as a value; the program drops a name nothing reads as a value.
 */
function keptAsWritten(declaration: ts.ImportDeclaration, file: ts.SourceFile, checker: ts.TypeChecker): boolean {
  const clause = declaration.importClause;
  if (clause === undefined || clause.isTypeOnly) return true;
  const names: ts.Identifier[] = clause.name !== undefined ? [clause.name] : [];
  const bindings = clause.namedBindings;
  if (bindings !== undefined && typescript.isNamespaceImport(bindings)) names.push(bindings.name);
  else if (bindings !== undefined) for (const element of bindings.elements) if (!element.isTypeOnly) names.push(element.name);
  // \`import { type A } from "x"\` is dropped by the program and kept as \`import {} from "x"\` alone.
  if (names.length === 0) return false;
  return names.every((name) => readAsValue(name, file, checker));
}

function readAsValue(name: ts.Identifier, file: ts.SourceFile, checker: ts.TypeChecker): boolean {
  const alias = checker.getSymbolAtLocation(name);
  if (alias === undefined || (alias.flags & typescript.SymbolFlags.Alias) === 0) return false;
  const target = checker.getAliasedSymbol(alias);
  if ((target.flags & typescript.SymbolFlags.Value) === 0 || holdsConstEnum(target, checker, 0)) return false;
  for (const statement of file.statements) {
    for (const use of factsOf(statement).valueUses.get(name.text) ?? []) {
      const symbol = typescript.isShorthandPropertyAssignment(use.parent) && use.parent.name === use ? checker.getShorthandAssignmentValueSymbol(use.parent) : checker.getSymbolAtLocation(use);
      if (symbol === alias) return true;
    }
  }
  return false;
}

/** What a module emitted alone writes: the module and its source map. */
export interface EmittedModule {
  code: string | undefined;
  map: string | undefined;
}

/**
 * Emits one module with a program holding it alone: no library, no imports
 * resolved, no check, every import written as it stands (standsAlone made
 * sure the program keeps the same ones). The parsed and bound file is the
 * build's own.
 */
export function emitAlone(file: ts.SourceFile, options: ts.CompilerOptions, transformers: ts.CustomTransformers): EmittedModule {
  const alone: ts.CompilerOptions = {
    ...options,
    noLib: true,
    noResolve: true,
    noCheck: true,
    verbatimModuleSyntax: true,
    types: [],
    noEmitOnError: false,
    declaration: false,
    composite: false,
    incremental: false,
  };
  const host = typescript.createCompilerHost(alone, true);
  host.getSourceFile = (fileName) => (fileName === file.fileName ? file : undefined);
  host.fileExists = (fileName) => fileName === file.fileName;
  host.readFile = (fileName) => (fileName === file.fileName ? file.text : undefined);
  const program = typescript.createProgram({ rootNames: [file.fileName], options: alone, host });
  return emitModule(program, program.getSourceFile(file.fileName)!, transformers);
}

/** What a program emits for one of its modules: the module and its source map. */
export function emitModule(program: ts.Program, file: ts.SourceFile, transformers: ts.CustomTransformers): EmittedModule {
  const out: EmittedModule = { code: undefined, map: undefined };
  program.emit(
    file,
    (name, text) => {
      if (/\.[cm]?js$/.test(name)) out.code = text;
      else if (/\.[cm]?js\.map$/.test(name)) out.map = text;
    },
    undefined,
    false,
    transformers,
  );
  return out;
}

/** A const enum, or a module or namespace with one among its exports (read as \`ns.E.A\`, inlined by the program). */
function holdsConstEnum(symbol: ts.Symbol, checker: ts.TypeChecker, depth: number): boolean {
  if ((symbol.flags & typescript.SymbolFlags.ConstEnum) !== 0) return true;
  if ((symbol.flags & (typescript.SymbolFlags.ValueModule | typescript.SymbolFlags.NamespaceModule)) === 0 || depth > 4) return false;
  return checker.getExportsOfModule(symbol).some((exported) => {
    const target = (exported.flags & typescript.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(exported) : exported;
    return holdsConstEnum(target, checker, depth + 1);
  });
}

function isAmbient(statement: ts.ModuleDeclaration): boolean {
  return typescript.getModifiers(statement)?.some((m) => m.kind === typescript.SyntaxKind.DeclareKeyword) === true;
}

const constEnumsOfFile = new WeakMap<ts.SourceFile, readonly string[]>();

/** The global names under which declaration files and scripts declare const enums (the top name of a namespace holding one). */
function globalConstEnumNames(program: ts.Program): Set<string> {
  const names = new Set<string>();
  for (const file of program.getSourceFiles()) {
    let found = constEnumsOfFile.get(file);
    if (found === undefined) {
      found = globalConstEnumsIn(file);
      constEnumsOfFile.set(file, found);
    }
    for (const name of found) names.add(name);
  }
  return names;
}

function globalConstEnumsIn(file: ts.SourceFile): string[] {
  const names: string[] = [];
  const holdsConstEnum = (node: ts.Node): boolean => {
    if (typescript.isEnumDeclaration(node)) return typescript.getModifiers(node)?.some((m) => m.kind === typescript.SyntaxKind.ConstKeyword) === true;
    if (typescript.isModuleDeclaration(node)) return node.body !== undefined && holdsConstEnum(node.body);
    return typescript.isModuleBlock(node) && node.statements.some(holdsConstEnum);
  };
  const scan = (statements: readonly ts.Statement[]): void => {
    for (const statement of statements) {
      if ((typescript.isEnumDeclaration(statement) || typescript.isModuleDeclaration(statement)) && typescript.isIdentifier(statement.name) && holdsConstEnum(statement)) {
        names.push(statement.name.text);
      }
    }
  };
  if (!typescript.isExternalModule(file)) scan(file.statements);
  for (const statement of file.statements) {
    if (typescript.isModuleDeclaration(statement) && typescript.isIdentifier(statement.name) && statement.name.text === "global" && statement.body !== undefined && typescript.isModuleBlock(statement.body)) {
      scan(statement.body.statements);
    }
  }
  return names;
}
