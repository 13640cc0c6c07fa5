import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";

/**
 * What a watch rebuild needs to know about one top-level statement to tell
 * which others an edit of it can reach, read once per statement node: an
 * incremental parse keeps every statement the edit did not touch as the same
 * node object, so a rebuild walks only the statements that changed.
 */
export interface StatementFacts {
  /** The names the statement declares at the top level of its file (functions, classes, types, variables, imports). */
  declares: readonly string[];
  /** Every identifier written anywhere in it: names it may refer to (an over-estimate: property names count too). */
  mentions: ReadonlySet<string>;
  /**
   * The identifiers written where a value is read, by name: not in a type,
   * an interface, a type alias, an `implements` clause, an ambient
   * declaration or an import or export list (a class's `extends` counts as a
   * type here: the list may miss a value use, never add one).
   */
  valueUses: ReadonlyMap<string, readonly ts.Identifier[]>;
  /** A decorator anywhere in it (its emit may ask the checker for types). */
  decorated: boolean;
}

const known = new WeakMap<ts.Statement, StatementFacts>();

export function factsOf(statement: ts.Statement): StatementFacts {
  let facts = known.get(statement);
  if (facts === undefined) {
    facts = readFacts(statement);
    known.set(statement, facts);
  }
  return facts;
}

function readFacts(statement: ts.Statement): StatementFacts {
  const mentions = new Set<string>();
  const valueUses = new Map<string, ts.Identifier[]>();
  let decorated = false;
  const visit = (node: ts.Node, inType: boolean): void => {
    if (typescript.isIdentifier(node)) {
      mentions.add(node.text);
      if (!inType) {
        const uses = valueUses.get(node.text);
        if (uses === undefined) valueUses.set(node.text, [node]);
        else uses.push(node);
      }
    } else if (typescript.isDecorator(node)) decorated = true;
    const childrenInType = inType || typeOnly(node);
    typescript.forEachChild(node, (child) => visit(child, childrenInType));
  };
  visit(statement, false);
  return { declares: declaredNames(statement), mentions, valueUses, decorated };
}

function typeOnly(node: ts.Node): boolean {
  return (
    typescript.isTypeNode(node) ||
    typescript.isInterfaceDeclaration(node) ||
    typescript.isTypeAliasDeclaration(node) ||
    (typescript.isHeritageClause(node) && node.token === typescript.SyntaxKind.ImplementsKeyword) ||
    declared(node) ||
    typescript.isImportDeclaration(node) ||
    typescript.isImportEqualsDeclaration(node) ||
    typescript.isExportDeclaration(node)
  );
}

/** A `declare` declaration: ambient, so nothing in it is emitted or read at run time. */
function declared(node: ts.Node): boolean {
  return typescript.canHaveModifiers(node) && typescript.getModifiers(node)?.some((m) => m.kind === typescript.SyntaxKind.DeclareKeyword) === true;
}

function declaredNames(statement: ts.Statement): string[] {
  if (
    typescript.isFunctionDeclaration(statement) ||
    typescript.isClassDeclaration(statement) ||
    typescript.isInterfaceDeclaration(statement) ||
    typescript.isTypeAliasDeclaration(statement) ||
    typescript.isEnumDeclaration(statement) ||
    typescript.isImportEqualsDeclaration(statement)
  ) {
    return statement.name !== undefined ? [statement.name.text] : [];
  }
  if (typescript.isModuleDeclaration(statement)) return typescript.isIdentifier(statement.name) ? [statement.name.text] : [];
  if (typescript.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  if (typescript.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause === undefined) return [];
    const names = clause.name !== undefined ? [clause.name.text] : [];
    const bindings = clause.namedBindings;
    if (bindings !== undefined && typescript.isNamespaceImport(bindings)) names.push(bindings.name.text);
    else if (bindings !== undefined) for (const element of bindings.elements) names.push(element.name.text);
    return names;
  }
  return [];
}

function bindingNames(name: ts.BindingName): string[] {
  if (typescript.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (typescript.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}
