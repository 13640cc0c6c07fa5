import type ts from "typescript";
import type { LoadedProject } from "../1-load/load-project.js";
import { typescript } from "../typescript/compiler-api.js";
import type { ExportedFunction } from "./find-functions.js";
import { otherFilesOf, sameOtherFiles } from "./other-files.js";
import type { ToolSpec } from "./tool-spec.js";

/**
 * What a watch session keeps between analyses so that a rebuild extracts
 * again only the tools an edit can change. A program made after an edit has a
 * new checker, so no type survives; but TypeScript's incremental parse keeps
 * every top-level statement the edit did not touch as the same node object,
 * which is what tells an untouched tool from a touched one.
 *
 * The rule is deliberately narrow, so that reuse never changes what a build
 * emits. A spec is reused only when every statement that changed (added,
 * edited or removed) is a function declaration whose parameters and result
 * are all written as types: such a statement changes no type other
 * statements can name, except through `typeof` (a type query), so reuse
 * also needs no user file to hold one. Anything else (a type, an interface,
 * a constant, an import, an arrow function, a function with an inferred
 * result, a changed declaration file or library) extracts every tool again.
 * A tool whose extraction reported anything is always extracted again, so
 * its diagnostics come out at their current positions.
 */
export class ToolSpecMemo {
  private previous: Snapshot | undefined;
  private specs = new WeakMap<ts.Node, Remembered>();
  private readonly typeQueries = new WeakMap<ts.Statement, boolean>();

  /** Compares the project with the one last analysed and says which specs this analysis may reuse. */
  begin(project: LoadedProject): ToolReuse {
    const current = snapshotOf(project);
    const changedNames = this.previous === undefined ? undefined : this.reusableChange(this.previous, current);
    this.previous = current;
    if (changedNames === undefined) this.specs = new WeakMap();
    return new ToolReuse(this.specs, current, changedNames);
  }

  /** The names of the functions the edit changed, or undefined when it may have changed any tool. */
  private reusableChange(before: Snapshot, after: Snapshot): Set<string> | undefined {
    if (!sameOtherFiles(before.otherFiles, after.otherFiles)) return undefined;
    if (before.userStatements.size !== after.userStatements.size) return undefined;
    const changedNames = new Set<string>();
    for (const [fileName, statements] of after.userStatements) {
      const old = before.userStatements.get(fileName);
      if (old === undefined) return undefined;
      for (const statement of statements) {
        if (this.hasTypeQuery(statement)) return undefined;
        if (old.has(statement)) continue;
        const name = selfContainedFunctionName(statement);
        if (name === undefined) return undefined;
        changedNames.add(name);
      }
      for (const statement of old) {
        if (statements.has(statement)) continue;
        const name = selfContainedFunctionName(statement);
        if (name === undefined) return undefined;
        changedNames.add(name);
      }
    }
    return changedNames;
  }

  private hasTypeQuery(statement: ts.Statement): boolean {
    let known = this.typeQueries.get(statement);
    if (known === undefined) {
      known = containsTypeQuery(statement);
      this.typeQueries.set(statement, known);
    }
    return known;
  }
}

/** One analysis's view of the memo: look a tool up before extracting it, remember what was extracted. */
export class ToolReuse {
  /** Tools whose spec came from the previous analysis. */
  reused = 0;

  constructor(
    private readonly specs: WeakMap<ts.Node, Remembered>,
    private readonly snapshot: Snapshot,
    private readonly changedNames: Set<string> | undefined,
  ) {}

  lookup(found: ExportedFunction): ToolSpec | undefined {
    if (this.changedNames === undefined) return undefined;
    const remembered = this.specs.get(found.fn);
    if (remembered === undefined || remembered.exportName !== found.exportName || remembered.docHost !== found.docHost) return undefined;
    if (this.changedNames.has(found.exportName) || (found.fn.name !== undefined && this.changedNames.has(found.fn.name.text))) return undefined;
    const statements = this.snapshot.userStatements.get(found.fn.getSourceFile().fileName);
    if (statements === undefined || !statements.has(topStatement(found.fn)) || !statements.has(topStatement(found.docHost))) return undefined;
    this.reused++;
    return remembered.spec;
  }

  /** A spec extracted without a single report, keyed by its function node. */
  remember(found: ExportedFunction, spec: ToolSpec): void {
    this.specs.set(found.fn, { exportName: found.exportName, docHost: found.docHost, spec });
  }
}

interface Remembered {
  exportName: string;
  docHost: ts.Node;
  spec: ToolSpec;
}

interface Snapshot {
  /** Every user file's top-level statements, by file name. */
  userStatements: Map<string, ReadonlySet<ts.Statement>>;
  /** Every other file of the program (libraries, declaration files): any change there may change any type. */
  otherFiles: ReadonlySet<ts.SourceFile>;
}

function snapshotOf(project: LoadedProject): Snapshot {
  const userStatements = new Map<string, ReadonlySet<ts.Statement>>();
  for (const file of project.userFiles) userStatements.set(file.fileName, new Set(file.statements));
  return { userStatements, otherFiles: otherFilesOf(project.program, project.userFiles) };
}

/**
 * A function declaration whose parameters and result have types that no
 * other statement decides (each written, or a parameter's literal default):
 * its name, else undefined.
 */
function selfContainedFunctionName(statement: ts.Statement): string | undefined {
  if (!typescript.isFunctionDeclaration(statement) || statement.name === undefined || statement.type === undefined) return undefined;
  if (statement.parameters.some((p) => p.type === undefined && !isLiteral(p.initializer))) return undefined;
  return statement.name.text;
}

function isLiteral(node: ts.Expression | undefined): boolean {
  if (node === undefined) return false;
  if (typescript.isPrefixUnaryExpression(node)) return node.operator === typescript.SyntaxKind.MinusToken && typescript.isNumericLiteral(node.operand);
  return (
    typescript.isNumericLiteral(node) ||
    typescript.isStringLiteral(node) ||
    typescript.isNoSubstitutionTemplateLiteral(node) ||
    node.kind === typescript.SyntaxKind.TrueKeyword ||
    node.kind === typescript.SyntaxKind.FalseKeyword
  );
}

function containsTypeQuery(node: ts.Node): boolean {
  if (typescript.isTypeQueryNode(node) || (typescript.isImportTypeNode(node) && node.isTypeOf)) return true;
  return typescript.forEachChild(node, containsTypeQuery) === true;
}

function topStatement(node: ts.Node): ts.Statement {
  let at = node;
  while (at.parent !== undefined && !typescript.isSourceFile(at.parent)) at = at.parent;
  return at as ts.Statement;
}
