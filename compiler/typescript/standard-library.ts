import { dirname } from "node:path";
import type ts from "typescript";
import { typescript } from "./compiler-api.js";

/** Where TypeScript's lib.*.d.ts files are: beside the compiler the program was made with. */
const LIB_DIRECTORY = dirname(typescript.getDefaultLibFilePath({}));

/** A declaration file of the standard library (lib.es5.d.ts, lib.dom.d.ts, …). */
export function isStandardLibraryFile(file: ts.SourceFile): boolean {
  return dirname(file.fileName) === LIB_DIRECTORY;
}
