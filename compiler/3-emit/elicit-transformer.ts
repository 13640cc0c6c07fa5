// The one rewrite of the user's code: each typed `ctx.elicit<T>(message)`
// call gets the form schema analysis built from T as its second argument,
// because T is erased at run time.
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import type { JsonSchema } from "../schema/json-schema.js";

/** Appends each found call's schema as its second argument when the user's code is emitted. */
export function elicitSchemaTransformer(calls: ReadonlyMap<ts.CallExpression, JsonSchema>): ts.TransformerFactory<ts.SourceFile> {
  return (context) => {
    const f = context.factory;
    const visit = (node: ts.Node): ts.Node => {
      const visited = typescript.visitEachChild(node, visit, context);
      const schema = typescript.isCallExpression(node) ? calls.get(node) : undefined;
      if (schema === undefined || !typescript.isCallExpression(visited)) return visited;
      const args = visited.arguments.length === 0 ? [f.createIdentifier("undefined")] : [visited.arguments[0]!];
      return f.updateCallExpression(visited, visited.expression, visited.typeArguments, [...args, jsonExpression(f, schema)]);
    };
    return (file) => (calls.size === 0 ? file : (typescript.visitNode(file, visit) as ts.SourceFile));
  };
}

function jsonExpression(f: ts.NodeFactory, value: unknown): ts.Expression {
  if (value === null) return f.createNull();
  if (typeof value === "string") return f.createStringLiteral(value);
  if (typeof value === "number") return value < 0 ? f.createPrefixUnaryExpression(typescript.SyntaxKind.MinusToken, f.createNumericLiteral(-value)) : f.createNumericLiteral(value);
  if (typeof value === "boolean") return value ? f.createTrue() : f.createFalse();
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map((v) => jsonExpression(f, v)));
  return f.createObjectLiteralExpression(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => f.createPropertyAssignment(f.createStringLiteral(k), jsonExpression(f, v))),
  );
}
