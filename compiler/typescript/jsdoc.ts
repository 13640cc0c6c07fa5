import type ts from "typescript";
import { typescript } from "./compiler-api.js";
import { isStandardLibraryFile } from "./standard-library.js";

/** A JSDoc tag as written: its name, its text, and where it is. */
export interface DocTag {
  name: string;
  text: string;
  node: ts.Node;
}

export interface DocComment {
  /** The comment's text before its tags, exactly as written. */
  text: string;
  tags: DocTag[];
}

/**
 * The JSDoc written on a declaration itself (not a parent function's @param
 * lines). For `export const f = () => …` that is the comment above the
 * variable statement.
 */
export function readDoc(node: ts.Node): DocComment {
  // The standard library's comments describe the standard type (what a Date
  // is), not the user's value: they never become a schema's description.
  if (isStandardLibraryFile(node.getSourceFile())) return { text: "", tags: [] };
  const docs = typescript.getJSDocCommentsAndTags(node).filter(typescript.isJSDoc);
  const texts: string[] = [];
  const tags: DocTag[] = [];
  for (const doc of docs) {
    const text = commentText(doc.comment);
    if (text !== "") texts.push(text);
    for (const tag of doc.tags ?? []) {
      if (typescript.isJSDocParameterTag(tag)) continue;
      tags.push({ name: tag.tagName.text, text: commentText(tag.comment).trim(), node: tag });
    }
  }
  return { text: texts.join("\n\n"), tags };
}

/** The `@param name text` lines of a function's JSDoc, by parameter name. */
export function readParamDocs(fn: ts.Node): Map<string, string> {
  const out = new Map<string, string>();
  const host = typescript.isArrowFunction(fn) || typescript.isFunctionExpression(fn) ? fn.parent : fn;
  for (const doc of typescript.getJSDocCommentsAndTags(host).filter(typescript.isJSDoc)) {
    for (const tag of doc.tags ?? []) {
      if (!typescript.isJSDocParameterTag(tag)) continue;
      const name = typescript.isIdentifier(tag.name) ? tag.name.text : tag.name.right.text;
      // `@param a - text` and `@param a text` both mean "text".
      out.set(name, commentText(tag.comment).replace(/^\s*-\s+/, "").trim());
    }
  }
  return out;
}

/**
 * A comment's text kept as written: line breaks and indentation stay, and
 * `*\/` (the only way to write a comment's end inside one) is written back as the two characters star and slash.
 */
export function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  const text = typeof comment === "string" ? comment : (typescript.getTextOfJSDocComment(comment) ?? "");
  // CRLF (or CR) line ends become "\n", so a Windows checkout builds the same schemas as a Unix one.
  return text.replace(/\r\n?/g, "\n").replace(/\*\\\//g, "*/");
}

/** The `@param` tags of a function's JSDoc that name a plain identifier (`@param name`), with where each is written. */
export function readSimpleParamTags(fn: ts.Node): { name: string; node: ts.Node }[] {
  const host = typescript.isArrowFunction(fn) || typescript.isFunctionExpression(fn) ? fn.parent : fn;
  const out: { name: string; node: ts.Node }[] = [];
  for (const doc of typescript.getJSDocCommentsAndTags(host).filter(typescript.isJSDoc)) {
    for (const tag of doc.tags ?? []) {
      if (typescript.isJSDocParameterTag(tag) && typescript.isIdentifier(tag.name)) out.push({ name: tag.name.text, node: tag.name });
    }
  }
  return out;
}
