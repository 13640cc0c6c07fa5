import { statSync } from "node:fs";
import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";

interface Entry {
  text: string;
  /** The target and module format it was parsed for. */
  flavour: string;
  file: ts.SourceFile;
}

/**
 * Parsed source files kept between builds of the same project. Watch mode
 * hands the same cache to every rebuild, so only the files whose text
 * changed since the last build are parsed again, and TypeScript reuses the
 * rest of the old program (the standard library above all: it is most of
 * the parsing). Files are compared by text, not modification time, so a
 * save within the same clock tick is never missed.
 */
export class SourceFileCache {
  private readonly entries = new Map<string, Entry>();
  private readonly libraryTexts = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();

  /**
   * A library's file (the standard library, a package's declarations): read
   * again only when its size or modification time changed. Nobody edits
   * them while watching, and a rebuild read megabytes of them per edit.
   */
  readLibrary(fileName: string, read: (fileName: string) => string | undefined): string | undefined {
    const stat = statSync(fileName, { throwIfNoEntry: false });
    if (stat === undefined) return read(fileName);
    const known = this.libraryTexts.get(fileName);
    if (known !== undefined && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
    const text = read(fileName);
    this.libraryTexts.set(fileName, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  }

  get(fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions, text: string | undefined): ts.SourceFile | undefined {
    if (text === undefined) return undefined;
    const flavour = typeof languageVersion === "object" ? `${languageVersion.languageVersion}/${languageVersion.impliedNodeFormat}` : String(languageVersion);
    const known = this.entries.get(fileName);
    if (known !== undefined && known.text === text && known.flavour === flavour) return known.file;
    // An edited file is re-parsed incrementally, as an editor's language
    // service does: only the statements around the edit are parsed again.
    // The old tree is given up to
    // the new one, so only the newest program may use it; watch mode makes
    // each program from the last.
    const file =
      known !== undefined && known.flavour === flavour
        ? typescript.updateSourceFile(known.file, text, changeBetween(known.text, text))
        : typescript.createSourceFile(fileName, text, languageVersion, true);
    this.entries.set(fileName, { text, flavour, file });
    return file;
  }
}

/** The one span that differs between two texts: what their common start and end leave. */
function changeBetween(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let beforeEnd = before.length;
  let afterEnd = after.length;
  while (beforeEnd > start && afterEnd > start && before.charCodeAt(beforeEnd - 1) === after.charCodeAt(afterEnd - 1)) {
    beforeEnd--;
    afterEnd--;
  }
  return typescript.createTextChangeRange(typescript.createTextSpanFromBounds(start, beforeEnd), afterEnd - start);
}
