import { ts } from "../ts-morph.js";

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

  get(fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions, text: string | undefined): ts.SourceFile | undefined {
    if (text === undefined) return undefined;
    const flavour = typeof languageVersion === "object" ? `${languageVersion.languageVersion}/${languageVersion.impliedNodeFormat}` : String(languageVersion);
    const known = this.entries.get(fileName);
    if (known !== undefined && known.text === text && known.flavour === flavour) return known.file;
    const file = ts.createSourceFile(fileName, text, languageVersion, true);
    this.entries.set(fileName, { text, flavour, file });
    return file;
  }
}
