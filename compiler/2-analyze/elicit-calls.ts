
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import type { JsonSchema } from "../schema/json-schema.js";
import { SchemaBuilder } from "../schema/schema-builder.js";
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
