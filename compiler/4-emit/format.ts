import type { OutputFiles } from "./output-files.js";

/**
 * Formats every emitted file with prettier (loaded only when emitting), so
 * output is stable to diff and commit.
 */
export async function formatFiles(files: OutputFiles): Promise<OutputFiles> {
  const prettier = await import("prettier");
  const out: OutputFiles = new Map();
  for (const [path, text] of files) {
    const parser = path.endsWith(".json") ? "json" : /\.(c|m)?js$/.test(path) ? "babel" : undefined;
    out.set(path, parser === undefined ? text : await formatOrKeep(prettier, text, parser));
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
