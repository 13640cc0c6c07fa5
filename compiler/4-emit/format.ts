import { createRequire } from "node:module";
import type { Options, Plugin } from "prettier";
import type { OutputFiles } from "./output-files.js";

type Format = (text: string, options: Options) => Promise<string>;

/**
 * prettier's standalone build with its JavaScript plugins, loaded with
 * require(): CommonJS files, so the compile cache keeps them (bin/mcpc.js),
 * where importing prettier's ES module entry cost ~130 ms of every build.
 * The same printer: only where it finds its parsers differs.
 */
function loadPrettier(): { format: Format; plugins: Plugin[] } {
  const require = createRequire(import.meta.url);
  const { format } = require("prettier/standalone") as { format: Format };
  const plugins = [require("prettier/plugins/babel") as Plugin, require("prettier/plugins/estree") as Plugin];
  return { format, plugins };
}

/**
 * Lays out every emitted file so output is stable to diff and commit. JSON
 * files are indented by JSON.stringify and validators.cjs is left as Ajv
 * wrote it (one statement per line): both are data or machine code nobody
 * edits, and running prettier over them was most of `mcpc build`'s time
 * (at 200 tools, 8.3 of 12.8 CPU-seconds). prettier (loaded only when
 * emitting) formats the JavaScript a reader may open: server.js and app/.
 */
export async function formatFiles(files: OutputFiles): Promise<OutputFiles> {
  const prettier = loadPrettier();
  const out: OutputFiles = new Map();
  for (const [path, text] of files) {
    if (path === "validators.cjs") out.set(path, text);
    else if (path.endsWith(".json")) out.set(path, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    else if (/\.(c|m)?js$/.test(path)) out.set(path, await formatOrKeep(prettier, text, "babel"));
    else out.set(path, text);
  }
  return out;
}

/**
 * Formatting is cosmetic: where prettier cannot cope (its parser overflows the
 * stack on a schema nested a few hundred levels deep), the file is emitted as
 * generated rather than failing the build.
 */
async function formatOrKeep(prettier: { format: Format; plugins: Plugin[] }, text: string, parser: string): Promise<string> {
  try {
    return await prettier.format(text, { parser, plugins: prettier.plugins, printWidth: 100 });
  } catch {
    return text;
  }
}
