import type ts from "typescript";

/** The user's own source files: neither libraries nor declaration files. */
export function isUserFile(file: ts.SourceFile, program: ts.Program): boolean {
  return !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !/[\\/]node_modules[\\/]/.test(file.fileName);
}
