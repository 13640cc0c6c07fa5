import type ts from "typescript";
import { typescript } from "./compiler-api.js";

/** The value of a literal expression (a default like `10`, `"c"`, `-1`, `[]`), or undefined if it is not one. */
export function literalValue(node: ts.Expression): { value: unknown } | undefined {
  if (typescript.isStringLiteral(node) || typescript.isNoSubstitutionTemplateLiteral(node)) return { value: node.text };
  if (typescript.isNumericLiteral(node)) return { value: Number(node.text) };
  if (node.kind === typescript.SyntaxKind.TrueKeyword) return { value: true };
  if (node.kind === typescript.SyntaxKind.FalseKeyword) return { value: false };
  if (node.kind === typescript.SyntaxKind.NullKeyword) return { value: null };
  if (typescript.isPrefixUnaryExpression(node) && node.operator === typescript.SyntaxKind.MinusToken && typescript.isNumericLiteral(node.operand)) {
    return { value: -Number(node.operand.text) };
  }
  if (typescript.isParenthesizedExpression(node) || typescript.isAsExpression(node) || typescript.isSatisfiesExpression(node)) return literalValue(node.expression);
  if (typescript.isArrayLiteralExpression(node)) {
    const items: unknown[] = [];
    for (const element of node.elements) {
      const item = literalValue(element);
      if (item === undefined) return undefined;
      items.push(item.value);
    }
    return { value: items };
  }
  if (typescript.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (!typescript.isPropertyAssignment(property) || !(typescript.isIdentifier(property.name) || typescript.isStringLiteral(property.name))) return undefined;
      const item = literalValue(property.initializer);
      if (item === undefined) return undefined;
      out[property.name.text] = item.value;
    }
    return { value: out };
  }
  return undefined;
}
