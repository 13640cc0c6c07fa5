import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";

/** Declared in the runtime's content.ts (wherever this copy of mcpc is installed). */
function fromRuntimeContent(type: ts.Type): boolean {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  return (symbol?.declarations ?? []).some((d) => /[\\/]runtime[\\/]content\.(d\.)?ts$/.test(d.getSourceFile().fileName));
}

/** One of the runtime's content block types, or a union of them (strings, sent as text blocks, may join in). */
function isContentBlock(type: ts.Type): boolean {
  if (fromRuntimeContent(type) && (type.aliasSymbol?.getName() === "ContentBlock" || !type.isUnion())) return true;
  if (!type.isUnion()) return false;
  const blocks = type.types.filter((t) => !(t.flags & typescript.TypeFlags.StringLike));
  return blocks.length > 0 && blocks.every(isContentBlock);
}

/**
 * A tool result made of content blocks: one block or an array of them. The
 * tool then answers with exactly these blocks and has no outputSchema.
 */
export function isContentResult(type: ts.Type, checker: ts.TypeChecker): boolean {
  if (isContentBlock(type)) return true;
  if (checker.isArrayType(type)) {
    const element = checker.getTypeArguments(type as ts.TypeReference)[0];
    return element !== undefined && isContentBlock(element);
  }
  return false;
}

/** An array of the runtime's PromptMessage. */
export function isPromptMessages(type: ts.Type, checker: ts.TypeChecker): boolean {
  if (!checker.isArrayType(type)) return false;
  const element = checker.getTypeArguments(type as ts.TypeReference)[0];
  if (element === undefined) return false;
  const symbol = element.aliasSymbol ?? element.getSymbol();
  return symbol?.getName() === "PromptMessage" && fromRuntimeContent(element);
}
