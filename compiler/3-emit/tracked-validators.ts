// Compiled validators by the text of the schema they validate, remembering
// which build last used each entry. A one-off build keeps what it used in the
// store for the next build into the same output (validator-store.ts). A
// watch session keeps, across its builds, what the last build or the one
// before used (endBuild): an edit made and undone recompiles nothing, and a
// session of thousands of edits holds about two builds' validators, not every
// schema it ever saw.

export class TrackedValidatorCache extends Map<string, string> {
  /** Entries given to the cache since it was made (compiled by a build, or carried over from a store). */
  added = 0;
  private builds = 0;
  private readonly lastUsed = new Map<string, number>();

  override get(text: string): string | undefined {
    const code = super.get(text);
    if (code !== undefined) this.lastUsed.set(text, this.builds);
    return code;
  }

  override set(text: string, code: string): this {
    // Map's constructor fills through set before the fields exist: what it is made with counts as neither used nor added.
    if (this.lastUsed !== undefined) {
      this.lastUsed.set(text, this.builds);
      this.added++;
    }
    return super.set(text, code);
  }

  /** The schema texts the current build asked for or added. */
  usedByThisBuild(): string[] {
    const used: string[] = [];
    for (const [text, build] of this.lastUsed) if (build === this.builds) used.push(text);
    return used;
  }

  /** Marks a build's end: what neither it nor the build before it used is dropped. */
  endBuild(): void {
    for (const text of this.keys()) {
      // What the cache was made with counts as used just before its first build.
      if ((this.lastUsed.get(text) ?? -1) >= this.builds - 1) continue;
      this.lastUsed.delete(text);
      this.delete(text);
    }
    this.builds++;
  }
}
