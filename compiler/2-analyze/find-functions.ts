import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";

/** An exported function of an entry file, found through the module's exports (re-exports included). */
export interface ExportedFunction {
  exportName: string;
  /** The function itself: a declaration, an arrow function or a function expression. */
  fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;
  /** Where its name is written, for diagnostics. */
  nameNode: ts.Node;
  /** The node its JSDoc is read from. */
  docHost: ts.Node;
  entry: ts.SourceFile;
}

export function findExportedFunctions(entry: ts.SourceFile, checker: ts.TypeChecker): ExportedFunction[] {
  const moduleSymbol = checker.getSymbolAtLocation(entry);
  if (moduleSymbol === undefined) return [];
  const out: ExportedFunction[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & typescript.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      const found = asFunction(declaration);
      if (found === undefined) continue;
      out.push({ exportName: exported.getName(), entry, ...found });
      break; // overloads: the first declaration speaks for the function
    }
  }
  // The order the entry reads in: its own functions where they are written, a re-exported module's where
  // the entry names that module (then in its own written order). Positions alone interleaved the tools of
  // different files.
  // A module is placed where the entry re-exports from it, else where it imports from it (`import { x }` then `export { x }`).
  const namedAt = new Map<string, number>();
  for (const kind of [typescript.isExportDeclaration, typescript.isImportDeclaration] as const) {
    for (const statement of entry.statements) {
      const specifier = kind(statement) && statement.moduleSpecifier;
      if (!specifier || !typescript.isStringLiteral(specifier)) continue;
      const target = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      if (target !== undefined && typescript.isSourceFile(target) && !namedAt.has(target.fileName)) namedAt.set(target.fileName, statement.getStart(entry));
    }
  }
  const place = (f: ExportedFunction): number => {
    const file = f.fn.getSourceFile();
    return file === entry ? f.fn.getStart() : (namedAt.get(file.fileName) ?? Number.MAX_SAFE_INTEGER);
  };
  const fileName = (f: ExportedFunction): string => f.fn.getSourceFile().fileName;
  return out.sort(
    (a, b) =>
      place(a) - place(b) || (fileName(a) < fileName(b) ? -1 : fileName(a) > fileName(b) ? 1 : 0) || a.fn.getStart() - b.fn.getStart() || a.exportName.localeCompare(b.exportName),
  );
}

function asFunction(declaration: ts.Declaration): Omit<ExportedFunction, "exportName" | "entry"> | undefined {
  if (typescript.isFunctionDeclaration(declaration)) {
    return { fn: declaration, nameNode: declaration.name ?? declaration, docHost: declaration };
  }
  // `export default (name: string) => …`: found so that analyze can ask for a named export.
  if (typescript.isExportAssignment(declaration) && !declaration.isExportEquals) {
    let init: ts.Expression = declaration.expression;
    while (typescript.isParenthesizedExpression(init)) init = init.expression;
    if (typescript.isArrowFunction(init) || typescript.isFunctionExpression(init)) return { fn: init, nameNode: declaration, docHost: declaration };
  }
  if (typescript.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
    let init: ts.Expression = declaration.initializer;
    while (typescript.isParenthesizedExpression(init) || typescript.isAsExpression(init) || typescript.isSatisfiesExpression(init)) init = init.expression;
    if (typescript.isArrowFunction(init) || typescript.isFunctionExpression(init)) {
      return { fn: init, nameNode: declaration.name, docHost: declaration };
    }
  }
  return undefined;
}
