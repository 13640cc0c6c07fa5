import type ts from "typescript";
import { expect } from "vitest";
import { emitAlone, emitModule, standsAlone } from "../../compiler/3-emit/standalone-emit.js";
import { isUserFile } from "../../compiler/typescript/user-files.js";

/**
 * A module that stands alone (compiler/3-emit/standalone-emit.ts) is emitted by a program of its
 * own; that is sound only if TypeScript writes the same bytes as with the whole program. Compares
 * the two emits, code and map, of every user module of the program that stands alone, and returns
 * how many it compared.
 */
export function expectStandaloneEmitsAlike(program: ts.Program, where: string): number {
  let compared = 0;
  for (const file of program.getSourceFiles()) {
    if (!isUserFile(file, program) || !standsAlone(file, program)) continue;
    const whole = emitModule(program, file, {});
    const alone = emitAlone(file, program.getCompilerOptions(), {});
    expect(alone.code, `${where}: ${file.fileName}`).toBe(whole.code);
    expect(alone.map, `${where}: ${file.fileName} (map)`).toBe(whole.map);
    compared++;
  }
  return compared;
}
