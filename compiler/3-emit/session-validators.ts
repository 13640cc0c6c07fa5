// The validators a watch session keeps between builds: compiled code by the
// text of the schema it validates. Each schema an edit changes is compiled
// once and kept, so an edit made and undone recompiles nothing; a validator
// that neither the last build nor the one before used is dropped, so a
// session of thousands of edits holds about two builds' validators, not
// every schema it ever saw.

export class SessionValidatorCache extends Map<string, string> {
  private builds = 0;
  private readonly lastUsed = new Map<string, number>();

  override get(text: string): string | undefined {
    const code = super.get(text);
    if (code !== undefined) this.lastUsed.set(text, this.builds);
    return code;
  }

  override set(text: string, code: string): this {
    // Map's constructor fills through set before the fields exist.
    this.lastUsed?.set(text, this.builds);
    return super.set(text, code);
  }

  /** Marks a build's end: what the build before it was the last to use is dropped. */
  endBuild(): void {
    for (const [text, build] of this.lastUsed) {
      if (build >= this.builds - 1) continue;
      this.lastUsed.delete(text);
      this.delete(text);
    }
    this.builds++;
  }
}
