import { ts } from "../ts-morph.js";
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
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
  if (members.every((t) => t.flags & ts.TypeFlags.StringLiteral)) {
    return { type: "string", values: members.map((t) => (t as ts.StringLiteralType).value) };
  }
  if (members.length === 1 && members[0]!.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: "string" };
  if (!allowNonString) return undefined;
  if (members.every((t) => t.flags & ts.TypeFlags.NumberLiteral)) {
    return { type: "number", values: members.map((t) => String((t as ts.NumberLiteralType).value)) };
  }
  if (members.length === 1 && members[0]!.flags & ts.TypeFlags.Number) return { type: "number" };
  if (members.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { type: "boolean" };
  return undefined;
}
