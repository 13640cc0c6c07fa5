import { createRequire } from "node:module";
import type { Options, Plugin } from "prettier";
import { PRINT_WIDTH } from "./layout.js";

/**
 * A JSON output file: indented by JSON.stringify, so output is stable to
 * diff and commit. The other files need no pass of their own:
 * validators.cjs is left as Ajv wrote it (one statement per line), app/ as
 * TypeScript's printer wrote it, like any tsc output, and server.js is
 * written in prettier's layout already (./layout.ts). Running prettier over
 * them was most of a build's time (at 200 tools, 8.3 of 12.8 CPU-seconds
 * over everything; ~0.4 s over server.js and app/ alone).
 */
export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

type Format = (text: string, options: Options) => Promise<string>;

/**
 * prettier, for the rare server.js whose lines prettier would lay out
 * otherwise. Its standalone CommonJS build with the JavaScript plugins,
 * loaded on first use: the compile cache keeps CommonJS (bin/mcpc.js).
 * Formatting is cosmetic: where prettier cannot cope, the file is kept as
 * written rather than failing the build.
 */
export async function formatWithPrettier(text: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const { format } = require("prettier/standalone") as { format: Format };
  const plugins = [require("prettier/plugins/babel") as Plugin, require("prettier/plugins/estree") as Plugin];
  try {
    return await format(text, { parser: "babel", plugins, printWidth: PRINT_WIDTH });
  } catch {
    return text;
  }
}
