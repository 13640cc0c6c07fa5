
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { readDoc } from "../typescript/jsdoc.js";
import { findTag, type McpcTag } from "../typescript/mcpc-tags.js";

/** The JSDoc tag that keeps a named type as one shared `$defs` entry instead of inlining it. */
export const SHARED_DEF_TAG = "ref" satisfies McpcTag;

const DEF_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * The `$defs` name a type asked for with `@ref [name]` on its interface, class
 * or type alias (the type's own name when none is given), or undefined.
 * Inlining is the default because Claude Desktop, Copilot, Codex and Gemini CLI
 * mishandle `$ref`; `@ref` is for clients and suites that want shared
 * definitions preserved.
 */
export function sharedDefName(type: ts.Type): string | undefined {
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    for (const declaration of symbol?.declarations ?? []) {
      if (!typescript.isInterfaceDeclaration(declaration) && !typescript.isTypeAliasDeclaration(declaration) && !typescript.isClassDeclaration(declaration)) continue;
      const tag = findTag(readDoc(declaration).tags, SHARED_DEF_TAG);
      if (tag === undefined) continue;
      const name = tag.text === "" ? symbol!.getName() : tag.text;
      return DEF_NAME.test(name) ? name : undefined;
    }
  }
  return undefined;
}
