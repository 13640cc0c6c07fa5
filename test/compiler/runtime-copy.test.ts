// The runtime copied into every output: which compiled modules it takes is
// read from their import lines by pattern (runtime-copy.ts); TypeScript's own
// scanner is the oracle for every module of the built runtime.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { relativeImportsOf, runtimeFiles } from "../../compiler/3-emit/runtime-copy.js";
import { ROOT } from "../helpers/paths.js";

const DIST_RUNTIME = join(ROOT, "dist", "runtime");

function compiledModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return compiledModules(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
}

describe("the runtime copy", () => {
  it("finds the relative imports TypeScript's scanner finds, in every compiled runtime module", () => {
    const modules = compiledModules(DIST_RUNTIME);
    expect(modules.length).toBeGreaterThan(20);
    let imports = 0;
    for (const path of modules) {
      const text = readFileSync(path, "utf8");
      const scanned = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName).filter((name) => name.startsWith("."));
      expect(relativeImportsOf(text).sort(), path).toEqual(scanned.sort());
      imports += scanned.length;
    }
    expect(imports).toBeGreaterThan(20);
  });

  it("reads static imports, re-exports, side-effect imports and import() calls, and nothing else", () => {
    const text = [
      'import { a, b } from "./a.js";',
      'import * as c from "../c.js";',
      'export { d } from "./d.js";',
      'export * from "./e.js";',
      'import "./f.js";',
      'import { g } from "node:fs";',
      'const h = await import("./h.js");',
      'const i = await import(pathToFileURL(file).href);',
      'throw new Error("see how to import x from \\"./not-a-module.js\\"");',
    ].join("\n");
    expect(relativeImportsOf(text)).toEqual(["./a.js", "../c.js", "./d.js", "./e.js", "./f.js", "./h.js"]);
  });

  it("takes the modules the entries reach, the testing module not among them", () => {
    const files = runtimeFiles();
    expect(files.has("runtime/server.js")).toBe(true);
    expect(files.has("runtime/transports/http.js")).toBe(true);
    expect(files.has("runtime/auth/jwt-verifier.js")).toBe(true);
    expect(files.has("runtime/testing.js")).toBe(false);
  });
});
