import type ts from "typescript";

// What a watch session compares outside the user's files, for both of its
// memos (tool-reuse.ts, incremental-check.ts): a change to any other file of
// the program may change any type, so either memo starts afresh.

/** Every file of the program that is not the user's: the standard library, packages' declarations. */
export function otherFilesOf(program: ts.Program, userFiles: readonly ts.SourceFile[]): ReadonlySet<ts.SourceFile> {
  const users = new Set(userFiles);
  return new Set(program.getSourceFiles().filter((f) => !users.has(f)));
}

/** Whether two programs hold the same other files: the same parsed objects (a file read again is a new one). */
export function sameOtherFiles(before: ReadonlySet<ts.SourceFile>, after: ReadonlySet<ts.SourceFile>): boolean {
  if (before.size !== after.size) return false;
  for (const file of after) if (!before.has(file)) return false;
  return true;
}
