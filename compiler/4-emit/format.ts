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
    out.set(path, parser === undefined ? text : await prettier.format(text, { parser, printWidth: 100 }));
  }
  return out;
}
