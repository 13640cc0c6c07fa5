import type { OutputFiles } from "./output-files.js";

/**
 * Lays out every emitted file so output is stable to diff and commit. JSON
 * files are indented by JSON.stringify and validators.cjs is left as Ajv
 * wrote it (one statement per line): both are data or machine code nobody
 * edits, and running prettier over them was most of `mcpc build`'s time
 * (at 200 tools, 8.3 of 12.8 CPU-seconds). prettier (loaded only when
 * emitting) formats the JavaScript a reader may open: server.js and app/.
 */
export async function formatFiles(files: OutputFiles): Promise<OutputFiles> {
  const prettier = await import("prettier");
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
async function formatOrKeep(prettier: typeof import("prettier"), text: string, parser: string): Promise<string> {
  try {
    return await prettier.format(text, { parser, printWidth: 100 });
  } catch {
    return text;
  }
}
