import type ts from "typescript";
import { typescript } from "./compiler-api.js";

/**
 * A `/** … *\/` comment written before a type member that TypeScript does
 * not attach to it. TypeScript takes a member's JSDoc only from a comment
 * that starts its own line: in `{ /** @maximum 5 *\/ n: number }` the
 * comment is ignored by the compiler, the editor and mcpc alike, and the
 * constraint it spells would be silently lost. Where such a comment is.
 */
export function detachedDocComment(member: ts.Node): { start: number; length: number } | undefined {
  const file = member.getSourceFile();
  // The comments between the token before the member and the end of its
  // line: TypeScript counts them as that token's trailing comments.
  for (const range of typescript.getTrailingCommentRanges(file.text, member.pos) ?? []) {
    if (range.kind !== typescript.SyntaxKind.MultiLineCommentTrivia) continue;
    const text = file.text.slice(range.pos, range.end);
    if (!text.startsWith("/**") || text === "/**/") continue;
    return { start: range.pos, length: range.end - range.pos };
  }
  return undefined;
}
