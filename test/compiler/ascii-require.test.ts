// compiler/typescript/ascii-require.ts loads TypeScript's bundle as bytes made a
// one-byte string. It must behave as require() does: the same exports, the
// module cache, and a file that is not ASCII left to require() itself.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { requireAsciiFile } from "../../compiler/typescript/ascii-require.js";
import { OUT } from "../helpers/paths.js";

const require = createRequire(import.meta.url);
const dir = join(OUT, "ascii-require");
mkdirSync(dir, { recursive: true });

function moduleFile(name: string, text: string): string {
  const file = join(dir, `${name}-${process.pid}.cjs`);
  writeFileSync(file, text);
  return file;
}

describe("requireAsciiFile", () => {
  it("loads an ASCII module as require() would, once", () => {
    const file = moduleFile("plain", "exports.loads = (exports.loads || 0) + 1; exports.self = __filename; exports.sibling = require('node:path').basename(__dirname);\n");
    const first = requireAsciiFile(file, require) as { loads: number; self: string; sibling: string };
    expect(first).toEqual({ loads: 1, self: file, sibling: "ascii-require" });
    // Cached like any module: the same object, evaluated once, and require() finds it.
    expect(requireAsciiFile(file, require)).toBe(first);
    expect(require(file)).toBe(first);
  });

  it("leaves a file that is not ASCII to require()", () => {
    const file = moduleFile("accented", 'exports.word = "café";\n');
    expect((requireAsciiFile(file, require) as { word: string }).word).toBe("café");
  });

  it("forgets a module whose evaluation throws, as require() does", () => {
    const file = moduleFile("throws", "throw new Error('broken on load');\n");
    expect(() => requireAsciiFile(file, require)).toThrow("broken on load");
    expect(() => requireAsciiFile(file, require)).toThrow("broken on load");
  });
});
