import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";

/**
 * What a function's result is once awaited: T for Promise<T>, the type
 * itself for anything that cannot be a thenable. The checker's
 * getAwaitedType answers both, but for a plain object it proves the object
 * is not thenable with an assignability check, ~0.3 ms a tool, while a
 * missing `then` member says the same from the members the schema needs
 * resolved anyway.
 */
export function awaitedType(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  return mayBeThenable(checker, type) ? (checker.getAwaitedType(type) ?? type) : type;
}

const NEVER_THENABLE =
  typescript.TypeFlags.StringLike |
  typescript.TypeFlags.NumberLike |
  typescript.TypeFlags.BigIntLike |
  typescript.TypeFlags.BooleanLike |
  typescript.TypeFlags.EnumLike |
  typescript.TypeFlags.ESSymbolLike |
  typescript.TypeFlags.VoidLike |
  typescript.TypeFlags.Null |
  typescript.TypeFlags.Never |
  typescript.TypeFlags.Any |
  typescript.TypeFlags.Unknown;

function mayBeThenable(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some((member) => mayBeThenable(checker, member));
  if (type.flags & NEVER_THENABLE) return false;
  if (type.flags & (typescript.TypeFlags.Object | typescript.TypeFlags.Intersection)) return checker.getPropertyOfType(type, "then") !== undefined;
  // Type parameters, conditional and indexed types: the checker decides.
  return true;
}
