import type ts from "typescript";
import { typescript } from "./compiler-api.js";
import { isStandardLibraryFile } from "./standard-library.js";
import { literalValue } from "./literal-value.js";

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
  const file = node.getSourceFile();
  if (isStandardLibraryFile(file)) return { text: "", tags: [] };
  // An alias or interface is read at every site that names it: read once per
  // parse of its file (an edited file is a new SourceFile, so a new reading).
  let known = docsByFile.get(file);
  if (known === undefined) docsByFile.set(file, (known = new WeakMap()));
  let doc = known.get(node);
  if (doc === undefined) known.set(node, (doc = parseDoc(node)));
  return doc;
}

/** readDoc's answers, shared by its callers (who copy the tags before adding to them). */
const docsByFile = new WeakMap<ts.SourceFile, WeakMap<ts.Node, DocComment>>();

function parseDoc(node: ts.Node): DocComment {
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

/** The `@param name text` lines of a function's JSDoc, by parameter name (member paths such as `args.owner` are not parameters). */
export function readParamDocs(fn: ts.Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const tags of readFunctionDocTags(fn)) {
    for (const tag of tags) if (tag.path?.length === 1) out.set(tag.path[0]!, tag.text);
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

/** A tag of a function's own JSDoc; a `@param` tag carries the path it names (`args.owner` as ["args", "owner"]). */
export interface FunctionDocTag extends DocTag {
  path?: string[];
  /** Where the `@param` name is written, for diagnostics about it. */
  nameNode?: ts.Node;
  /** `@param [limit=10]`: the default as written (TypeScript's parser reads past it and keeps nothing). */
  defaultText?: string;
}

/**
 * The tags of a function's JSDoc comments, one list per comment, in written
 * order. `@param {Object} args` makes TypeScript nest the `@param args.x` lines
 * that follow inside it: they are put back in place, so that order is what was written.
 */
export function readFunctionDocTags(fn: ts.Node): FunctionDocTag[][] {
  const host = typescript.isArrowFunction(fn) || typescript.isFunctionExpression(fn) ? fn.parent : fn;
  const comments: FunctionDocTag[][] = [];
  for (const doc of typescript.getJSDocCommentsAndTags(host).filter(typescript.isJSDoc)) {
    const tags: FunctionDocTag[] = [];
    const add = (tag: ts.JSDocTag): void => {
      if (typescript.isJSDocParameterTag(tag)) {
        // `@param a - text` and `@param a text` both mean "text".
        const text = commentText(tag.comment).replace(/^\s*-\s+/, "").trim();
        const defaultText = tag.isBracketed ? bracketDefault(tag) : undefined;
        tags.push({ name: tag.tagName.text, text, node: tag, path: entityPath(tag.name), nameNode: tag.name, ...(defaultText === undefined ? {} : { defaultText }) });
        const nested = tag.typeExpression?.type;
        if (nested !== undefined && typescript.isJSDocTypeLiteral(nested)) for (const child of nested.jsDocPropertyTags ?? []) add(child);
        return;
      }
      tags.push({ name: tag.tagName.text, text: commentText(tag.comment).trim(), node: tag });
    };
    for (const tag of doc.tags ?? []) add(tag);
    comments.push(tags);
  }
  return comments;
}

function entityPath(name: ts.EntityName): string[] {
  return typescript.isIdentifier(name) ? [name.text] : [...entityPath(name.left), name.right.text];
}

/** The text after `=` in `[name = value]`, up to the `]` that closes it (quotes and nested brackets skipped). */
function bracketDefault(tag: ts.JSDocParameterTag): string | undefined {
  const source = tag.getSourceFile().text;
  let i = tag.name.end;
  while (/\s/.test(source[i] ?? "")) i++;
  if (source[i] !== "=") return undefined;
  const start = ++i;
  let depth = 0;
  let quote: string | undefined;
  for (; i < tag.end; i++) {
    const c = source[i]!;
    if (quote !== undefined) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "[" || c === "{" || c === "(") depth++;
    else if (c === "]" && depth === 0) return source.slice(start, i).trim();
    else if (c === "]" || c === "}" || c === ")") depth--;
  }
  return undefined;
}

/** A literal written as text (a `[name=value]` default), as the value it denotes; undefined when it is no literal. */
export function literalFromText(text: string): { value: unknown } | undefined {
  const file = typescript.createSourceFile("default.ts", `(${text});`, typescript.ScriptTarget.Latest, false);
  const statement = file.statements[0];
  if (file.statements.length !== 1 || statement === undefined || !typescript.isExpressionStatement(statement)) return undefined;
  return literalValue(statement.expression);
}
