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
  let decorated = false;
  const visit = (node: ts.Node): void => {
    if (typescript.isIdentifier(node)) mentions.add(node.text);
    else if (typescript.isDecorator(node)) decorated = true;
    typescript.forEachChild(node, visit);
  };
  visit(statement);
  return { declares: declaredNames(statement), mentions, decorated };
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
