
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import type { JsonSchema } from "../3-schema/json-schema.js";
import { SchemaBuilder } from "../3-schema/schema-builder.js";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { isContextType } from "./extract-tool.js";

/**
 * Every `ctx.elicit<T>(message)` in the user's files, with the form schema
 * built from T. The emitter passes that schema as a second argument, so the
 * form the user sees is exactly the type the code reads.
 */
export function findElicitCalls(files: readonly ts.SourceFile[], checker: ts.TypeChecker, bag: DiagnosticBag): Map<ts.CallExpression, JsonSchema> {
  const out = new Map<ts.CallExpression, JsonSchema>();
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isPropertyAccessExpression(node.expression) && node.expression.name.text === "elicit") {
      const receiver = checker.getTypeAtLocation(node.expression.expression);
      if (isContextType(receiver)) {
        const first = node.arguments[0];
        const typeArgument = node.typeArguments?.[0];
        if (typeArgument !== undefined) {
          const schema = formSchema(checker.getTypeFromTypeNode(typeArgument), typeArgument, checker, bag);
          if (schema !== undefined) out.set(node, schema);
        } else if (first !== undefined && checker.getTypeAtLocation(first).flags & typescript.TypeFlags.StringLike) {
          bag.report(Messages.ElicitWithoutType, {}, node);
        }
      }
    }
    typescript.forEachChild(node, visit);
  };
  // Most files never say "elicit": not worth walking every node of.
  for (const file of files) if (file.text.includes("elicit")) visit(file);
  return out;
}

const PRIMITIVE = new Set(["string", "number", "integer", "boolean"]);
/** What the spec's PrimitiveSchemaDefinition allows beside `type`. */
const KEPT_KEYS = new Set(["type", "title", "description", "default", "enum", "minLength", "maxLength", "format", "minimum", "maximum", "oneOf", "items", "minItems", "maxItems"]);

function formSchema(type: ts.Type, at: ts.TypeNode, checker: ts.TypeChecker, bag: DiagnosticBag): JsonSchema | undefined {
  const written = checker.typeToString(type);
  const builder = new SchemaBuilder(checker, bag, "input");
  const built = builder.build(type, { where: "The form type", tool: "ctx.elicit", node: at, typeNode: at, path: "" }, { tags: [] });
  if (built === undefined) return undefined;
  const root = builder.finishRoot(built);
  const fail = (reason: string): undefined => {
    bag.report(Messages.ElicitTypeNotFlat, { written, reason }, at);
    return undefined;
  };
  if (root.type !== "object" || root.properties === undefined || root.$defs !== undefined) return fail("it is not a plain object type");
  const properties: Record<string, JsonSchema> = {};
  for (const [key, property] of Object.entries(root.properties as Record<string, JsonSchema>)) {
    const simple = Object.fromEntries(Object.entries(property).filter(([k]) => KEPT_KEYS.has(k))) as JsonSchema;
    if (typeof simple.type === "string" && PRIMITIVE.has(simple.type)) {
      properties[key] = simple;
      continue;
    }
    const items = simple.items as JsonSchema | undefined;
    if (simple.type === "array" && items !== undefined && items.type === "string" && Array.isArray(items.enum)) {
      properties[key] = simple;
      continue;
    }
    return fail(`property '${key}' is ${property.type === undefined ? "not a single type" : `of type '${String(property.type)}'`}`);
  }
  const schema: JsonSchema = { type: "object", properties };
  if (Array.isArray(root.required) && root.required.length > 0) schema.required = root.required;
  return schema;
}

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
