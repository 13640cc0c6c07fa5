import type ts from "typescript";
import { dirname, resolve } from "node:path";
import { typescript } from "../typescript/compiler-api.js";
import { otherFilesOf, sameOtherFiles } from "./other-files.js";
import { factsOf } from "./statement-facts.js";

/**
 * What a watch session keeps between type checks so that a rebuild checks
 * again only what an edit can have changed. A program made after an edit has
 * a new checker, so TypeScript would check every file whole again; tsc's own
 * watch keeps the diagnostics of files the edit cannot reach, and this does
 * the same, then goes one step finer inside the edited file.
 *
 * Between files: a user file keeps its last diagnostics when it did not
 * change and imports (directly or through other user files) no file that
 * did. Anything that can reach every file (a changed declaration file or
 * library, a file added or removed, a changed file that is a script or
 * augments a module or the global scope) checks everything.
 *
 * Inside a changed file whose last check found no error: the top-level
 * statements the edit replaced are checked, and with them every statement
 * that names (directly, or through statements so added) anything the
 * replaced statements declare or declared. A statement that names none of
 * those has the same types and the same diagnostics as before: none. The
 * file is checked whole where that reasoning does not hold: TypeScript's
 * unused-name checks and unused `@ts-expect-error` directives are judged
 * over the whole file, and a changed export list, default export, namespace
 * or import-equals can clash with statements that never name it (as an
 * exported declaration can with an export list).
 */
export class TypeCheckMemo {
  private previous: CheckedProgram | undefined;
  /** Files checked in part, and files whose errors were kept unchecked, since the session began (tests read them). */
  partial = 0;
  kept = 0;

  /**
   * TypeScript's error-category diagnostics in the user's files (syntax
   * errors alone for a file that does not parse), and the files whose code
   * the edit may have changed (undefined: any of them).
   */
  check(program: ts.Program, userFiles: readonly ts.SourceFile[]): CheckResult {
    const before = this.previous;
    const now = snapshotOf(program, userFiles);
    const affected = before === undefined ? undefined : affectedFiles(before, now, program);
    const affectedNames = affected === undefined ? undefined : new Set([...affected].map((f) => f.fileName));
    const errors: ts.Diagnostic[] = [];
    for (const file of userFiles) {
      const last = before?.files.get(file.fileName);
      let fileErrors: readonly ts.Diagnostic[];
      if (affected !== undefined && last !== undefined && !affected.has(file)) {
        fileErrors = last.errors;
        this.kept++;
      } else {
        // A changed file that imports an affected one (another changed file, or one importing it back: a cycle)
        // can see the edit through that file's declarations, which its own statements name only as imports.
        const reachedBack = affectedNames !== undefined && userImportsOf(file, program, now.files).some((name) => affectedNames.has(name));
        const region = affected !== undefined && last !== undefined && last.file !== file && !reachedBack ? regionToCheck(file, last, program.getCompilerOptions()) : undefined;
        if (region !== undefined) this.partial++;
        fileErrors = errorsOf(program, file, region);
      }
      now.files.get(file.fileName)!.errors = fileErrors;
      errors.push(...fileErrors);
    }
    this.previous = now;
    return { errors, affected };
  }
}

export interface CheckResult {
  errors: ts.Diagnostic[];
  /** User files the edit may have changed the code or types of; undefined when it may be any. */
  affected: ReadonlySet<ts.SourceFile> | undefined;
}

/** TypeScript's own errors in one file: its syntax errors if it has any, else the semantic ones (of the given statements only, when given). */
export function errorsOf(program: ts.Program, file: ts.SourceFile, statements?: readonly ts.Statement[]): ts.Diagnostic[] {
  const syntactic = program.getSyntacticDiagnostics(file);
  const all = syntactic.length > 0 ? syntactic : statements !== undefined ? checkStatements(program, file, statements) : program.getSemanticDiagnostics(file);
  return all.filter((d) => d.category === typescript.DiagnosticCategory.Error);
}

/**
 * The semantic diagnostics of some statements of a file: TypeScript's own
 * partial check, the one its language service runs on the part of a file an
 * editor shows (`getSemanticDiagnostics`' third parameter, which the
 * declarations do not list). A TypeScript without it checks the file whole.
 */
function checkStatements(program: ts.Program, file: ts.SourceFile, statements: readonly ts.Statement[]): readonly ts.Diagnostic[] {
  const partial = program.getSemanticDiagnostics as (file: ts.SourceFile, token: undefined, nodes: readonly ts.Node[]) => readonly ts.Diagnostic[];
  if (partial.length < 3) return program.getSemanticDiagnostics(file);
  return partial.call(program, file, undefined, statements);
}

interface CheckedFile {
  file: ts.SourceFile;
  statements: readonly ts.Statement[];
  /** Its errors as last reported (filled in as the check goes). */
  errors: readonly ts.Diagnostic[];
}

interface CheckedProgram {
  files: Map<string, CheckedFile>;
  /** Every other file of the program (libraries, declaration files): any change there may change any type. */
  otherFiles: ReadonlySet<ts.SourceFile>;
}

function snapshotOf(program: ts.Program, userFiles: readonly ts.SourceFile[]): CheckedProgram {
  const files = new Map<string, CheckedFile>();
  for (const file of userFiles) files.set(file.fileName, { file, statements: file.statements, errors: [] });
  return { files, otherFiles: otherFilesOf(program, userFiles) };
}

/** The user files an edit can reach, or undefined when it may reach all of them. */
function affectedFiles(before: CheckedProgram, now: CheckedProgram, program: ts.Program): Set<ts.SourceFile> | undefined {
  if (!sameOtherFiles(before.otherFiles, now.otherFiles) || before.files.size !== now.files.size) return undefined;
  const changed: ts.SourceFile[] = [];
  for (const [fileName, { file }] of now.files) {
    const last = before.files.get(fileName);
    if (last === undefined) return undefined;
    if (last.file === file) continue;
    if (reachesOtherFiles(file.statements, file) || reachesOtherFiles(last.statements, last.file)) return undefined;
    changed.push(file);
  }
  const affected = new Set(changed);
  if (changed.length === 0) return affected;
  // Every user file that imports an affected one is affected, until none is added.
  const importers = new Map<string, ts.SourceFile[]>();
  for (const { file } of now.files.values()) {
    for (const imported of userImportsOf(file, program, now.files)) {
      let list = importers.get(imported);
      if (list === undefined) importers.set(imported, (list = []));
      list.push(file);
    }
  }
  const queue = [...changed];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const importer of importers.get(file.fileName) ?? []) {
      if (affected.has(importer)) continue;
      affected.add(importer);
      queue.push(importer);
    }
  }
  return affected;
}

/** A script's declarations are global, and an augmentation changes another module's or the global scope's. */
function reachesOtherFiles(statements: readonly ts.Statement[], file: ts.SourceFile): boolean {
  if (!typescript.isExternalModule(file)) return true;
  return statements.some((s) => typescript.isModuleDeclaration(s) && (typescript.isStringLiteral(s.name) || s.name.text === "global"));
}

const importsByFile = new WeakMap<ts.SourceFile, readonly string[]>();

/** The user files a file imports (by file name), read once per parsed file. */
function userImportsOf(file: ts.SourceFile, program: ts.Program, userFiles: ReadonlyMap<string, CheckedFile>): readonly string[] {
  let imports = importsByFile.get(file);
  if (imports !== undefined) return imports;
  const options = program.getCompilerOptions();
  const found = new Set<string>();
  const add = (specifier: string): void => {
    const resolved = typescript.resolveModuleName(specifier, file.fileName, options, typescript.sys).resolvedModule?.resolvedFileName;
    if (resolved !== undefined && userFiles.has(resolved)) found.add(resolved);
  };
  for (const reference of file.referencedFiles) {
    const path = resolve(dirname(file.fileName), reference.fileName);
    if (userFiles.has(path)) found.add(path);
  }
  const statically = (node: ts.Node): boolean => {
    if ((typescript.isImportDeclaration(node) || typescript.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && typescript.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text);
    } else if (typescript.isImportEqualsDeclaration(node) && typescript.isExternalModuleReference(node.moduleReference) && typescript.isStringLiteral(node.moduleReference.expression)) {
      add(node.moduleReference.expression.text);
    } else return false;
    return true;
  };
  const visit = (node: ts.Node): void => {
    if (statically(node)) return;
    if (typescript.isCallExpression(node) && node.expression.kind === typescript.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && typescript.isStringLiteralLike(node.arguments[0])) {
      add(node.arguments[0].text);
    } else if (typescript.isImportTypeNode(node) && typescript.isLiteralTypeNode(node.argument) && typescript.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text);
    }
    typescript.forEachChild(node, visit);
  };
  // Static imports are statements of the file; only a file that says `import(` (a call or a type) has any deeper.
  if (/\bimport\s*\(/.test(file.text)) visit(file);
  else for (const statement of file.statements) statically(statement);
  imports = [...found];
  importsByFile.set(file, imports);
  return imports;
}

/** Names TypeScript judges at the end of a file's check (their collisions with generated code), which a partial check does not report. */
const JUDGED_AT_THE_END = ["_this", "_newTarget", "_super", "WeakMap", "WeakSet", "Reflect"];

/**
 * The statements of a changed file that the edit can have changed the
 * diagnostics of, in source order; undefined when the file must be checked
 * whole (see TypeCheckMemo).
 */
function regionToCheck(file: ts.SourceFile, last: CheckedFile, options: ts.CompilerOptions): ts.Statement[] | undefined {
  if (last.errors.length > 0 || options.noUnusedLocals === true || options.noUnusedParameters === true) return undefined;
  if (!/\.m?ts$/.test(file.fileName) || file.fileName.endsWith(".d.ts") || !typescript.isExternalModule(file) || file.text.includes("@ts-expect-error")) return undefined;
  const previous = new Set(last.statements);
  const current = new Set(file.statements);
  const replaced = [...file.statements.filter((s) => !previous.has(s)), ...last.statements.filter((s) => !current.has(s))];
  // An exported declaration can clash with an export list (judged for the whole file at its end).
  const exportList = file.statements.some((s) => typescript.isExportDeclaration(s) || typescript.isExportAssignment(s));
  const reach = new Set<string>();
  for (const statement of replaced) {
    if (!flowNeutral(statement)) return undefined;
    if (clashesUnnamed(statement) || (exportList && hasModifier(statement, typescript.SyntaxKind.ExportKeyword))) return undefined;
    const facts = factsOf(statement);
    if (JUDGED_AT_THE_END.some((name) => facts.mentions.has(name))) return undefined;
    for (const name of facts.declares) reach.add(name);
  }
  const toCheck = new Set(file.statements.filter((s) => !previous.has(s)));
  let grown = true;
  while (grown) {
    grown = false;
    for (const statement of file.statements) {
      if (toCheck.has(statement)) continue;
      const facts = factsOf(statement);
      let names = false;
      for (const name of reach) {
        if (facts.mentions.has(name)) {
          names = true;
          break;
        }
      }
      if (!names) continue;
      toCheck.add(statement);
      for (const name of facts.declares) reach.add(name);
      grown = true;
    }
  }
  // Past half the file, checking it whole costs about the same and needs no reasoning.
  if (toCheck.size * 2 > file.statements.length) return undefined;
  return file.statements.filter((s) => toCheck.has(s));
}

/**
 * A declaration that runs no code at the top level: a function, class,
 * interface or type alias. Any other statement (an assignment, a throw, a
 * variable whose initialiser calls an assertion function) can change the
 * control flow, so the narrowing and reachability, of the statements after
 * it, which need not name anything it declares.
 */
function flowNeutral(statement: ts.Statement): boolean {
  return (
    typescript.isFunctionDeclaration(statement) ||
    typescript.isClassDeclaration(statement) ||
    typescript.isInterfaceDeclaration(statement) ||
    typescript.isTypeAliasDeclaration(statement)
  );
}

/** A statement that can clash with others without either naming the other: exports, a default export, namespaces, import-equals. */
function clashesUnnamed(statement: ts.Statement): boolean {
  if (typescript.isExportDeclaration(statement) || typescript.isExportAssignment(statement) || typescript.isModuleDeclaration(statement) || typescript.isImportEqualsDeclaration(statement)) {
    return true;
  }
  return hasModifier(statement, typescript.SyntaxKind.DefaultKeyword);
}

function hasModifier(statement: ts.Statement, kind: ts.SyntaxKind): boolean {
  const modifiers = typescript.canHaveModifiers(statement) ? typescript.getModifiers(statement) : undefined;
  return modifiers?.some((m) => m.kind === kind) === true;
}
