
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import type { ArgumentSpec } from "./feature-spec.js";
import { nonUndefined } from "./extract-tool.js";

export type ArgumentType = Omit<ArgumentSpec, "name" | "completeWith">;

/**
 * The text type of a URI template variable or prompt argument: string,
 * number, boolean, or a union of literals (whose values completion offers
 * for free). Undefined when the type cannot be written as text.
 */
export function argumentType(declared: ts.Type, allowNonString: boolean): ArgumentType | undefined {
  const type = nonUndefined(declared);
  // `T | undefined` of an optional parameter: only the defined members count.
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (typescript.TypeFlags.Undefined | typescript.TypeFlags.Void)));
  if (members.every((t) => t.flags & typescript.TypeFlags.StringLiteral)) {
    return { type: "string", values: members.map((t) => (t as ts.StringLiteralType).value) };
  }
  if (members.length === 1 && members[0]!.flags & (typescript.TypeFlags.String | typescript.TypeFlags.TemplateLiteral)) return { type: "string" };
  if (!allowNonString) return undefined;
  if (members.every((t) => t.flags & typescript.TypeFlags.NumberLiteral)) {
    return { type: "number", values: members.map((t) => String((t as ts.NumberLiteralType).value)) };
  }
  if (members.length === 1 && members[0]!.flags & typescript.TypeFlags.Number) return { type: "number" };
  if (members.every((t) => t.flags & typescript.TypeFlags.BooleanLike)) return { type: "boolean" };
  return undefined;
}
