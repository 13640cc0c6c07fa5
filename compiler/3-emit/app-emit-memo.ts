import type ts from "typescript";
import type { AloneEmit } from "./spliced-emit.js";

/**
 * The user's modules as a watch session last emitted them, by the parsed
 * file each came from: a rebuild emits again only the files its edit can
 * have changed (Analysis.affected); the rest keep their text and map.
 */
export class AppEmitMemo {
  private emitted = new WeakMap<ts.SourceFile, Remembered>();
  /** The last emit of each module that stood alone, by file name: the next edit of it is spliced in (spliced-emit.ts). */
  readonly alone = new Map<string, AloneEmit>();
  /** How many modules were emitted by splicing since the session began (tests read it). */
  spliced = 0;

  /** What the file emitted last time, if it was emitted for the same place (output path and directory). */
  lookup(file: ts.SourceFile, place: string): ReadonlyArray<readonly [string, string]> | undefined {
    const remembered = this.emitted.get(file);
    return remembered?.place === place ? remembered.files : undefined;
  }

  /**
   * A build that emitted nothing (it found errors) leaves the files its edit
   * reached unemitted: the next rebuild's edit is measured from that build,
   * so they must not be kept then. Undefined forgets every file.
   */
  forget(files: ReadonlySet<ts.SourceFile> | undefined): void {
    if (files === undefined) {
      this.emitted = new WeakMap();
      this.alone.clear();
      return;
    }
    for (const file of files) {
      this.emitted.delete(file);
      this.alone.delete(file.fileName);
    }
  }

  remember(file: ts.SourceFile, place: string, files: ReadonlyArray<readonly [string, string]>): void {
    this.emitted.set(file, { place, files });
  }
}

interface Remembered {
  place: string;
  files: ReadonlyArray<readonly [string, string]>;
}
