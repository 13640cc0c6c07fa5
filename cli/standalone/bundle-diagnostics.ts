// esbuild's errors as mcpc diagnostics, pointed at the user's TypeScript source rather than the
// compiled module under app/ that esbuild read.
import { createDiagnostic, type Diagnostic, Messages } from "../../compiler/index.js";
import type { Message } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

export interface SourceMapping {
  /** The directory the emitted server is in. */
  dir: string;
  /** The directory `app/` mirrors. */
  sourceRoot: string;
}

export function bundleFailure(message: string): Diagnostic {
  return createDiagnostic(Messages.BundleFailed, { message }, undefined);
}

export function esbuildDiagnostic(message: Message, mapping: SourceMapping): Diagnostic {
  const location = message.location;
  const nativeFile = /"([^"]+\.node)"/.exec(message.text);
  const diagnostic =
    nativeFile !== null && /loader/i.test(message.text)
      ? createDiagnostic(Messages.NativeAddon, { pkg: nativeFile[1]!, evidence: "it loads a compiled '.node' file" }, undefined)
      : createDiagnostic(Messages.BundleFailed, { message: message.text.replace(/\.$/, "") }, undefined);
  if (location === null) return diagnostic;
  const file = resolve(mapping.dir, location.file);
  const quoted = location.lineText.slice(location.column, location.column + location.length);
  return locate(diagnostic, file, quoted, { line: location.line, column: location.column + 1, length: location.length }, mapping);
}

/**
 * Points `diagnostic` at `text` in the user's source behind the compiled module `file` (the first
 * place it is written), or at `fallback` in `file` itself when that is not one of the user's modules.
 */
export function locate(
  diagnostic: Diagnostic,
  file: string,
  text: string,
  fallback: { line: number; column: number; length: number } | undefined,
  mapping: SourceMapping,
): Diagnostic {
  const source = sourceOf(file, mapping);
  if (source !== undefined && text !== "") {
    const content = readFileSync(source, "utf8");
    // The compiled module may quote a specifier otherwise than the source did.
    const singleQuoted = /^".*"$/.test(text) ? `'${text.slice(1, -1)}'` : text;
    const found = content.indexOf(text);
    const index = found !== -1 ? found : content.indexOf(singleQuoted);
    if (index !== -1) {
      const before = content.slice(0, index).split("\n");
      return { ...diagnostic, file: source, line: before.length, column: before[before.length - 1]!.length + 1, length: text.length };
    }
  }
  if (fallback === undefined) return { ...diagnostic, file };
  return { ...diagnostic, file, ...fallback };
}

/** The TypeScript source a module under app/ was compiled from. */
function sourceOf(file: string, mapping: SourceMapping): string | undefined {
  const appDir = join(mapping.dir, "app");
  if (!file.startsWith(appDir + sep)) return undefined;
  const stem = join(mapping.sourceRoot, relative(appDir, file)).replace(/\.(js|mjs|cjs)$/, "");
  for (const extension of [".ts", ".mts", ".cts", ".tsx"]) if (existsSync(stem + extension)) return stem + extension;
  return undefined;
}
