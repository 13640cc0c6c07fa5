// ARCHITECTURE.md's diagram, checked: phases import only earlier phases,
// libraries (schema/, typescript/, diagnostics/, manifest-diff/) no phase,
// the runtime nothing of the compiler or the CLI, the CLI only the compiler's
// entry, and nothing a file inside another package's dist/.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize, relative } from "node:path";
import type ts from "typescript";
import { describe, expect, it } from "vitest";

const typescript = createRequire(import.meta.url)("typescript") as typeof ts;
const ROOT = join(import.meta.dirname, "..", "..");

/**
 * Ajv has no exports map: its documentation names these dist/ files as the
 * way to reach Ajv2020, standalone code and the helpers standalone code
 * requires. Every other path inside a package's dist/ fails the check.
 */
const AJV_DOCUMENTED_ENTRIES = new Set([
  "ajv/dist/2020",
  "ajv/dist/2020.js",
  "ajv/dist/standalone",
  "ajv/dist/standalone/index.js",
  "ajv/dist/compile/codegen",
  "ajv/dist/compile/codegen/index.js",
  "ajv/dist/runtime/ucs2length",
  "ajv/dist/runtime/equal",
  "ajv/dist/runtime/uri",
  "ajv-formats/dist/formats",
]);

const LIBRARIES = new Set(["schema", "typescript", "diagnostics", "manifest-diff"]);

/** Where a repository path sits: its top folder and, under compiler/, its part. */
function placeOf(path: string): { top: string; part: string | undefined; phase: number | undefined } {
  const [top, second] = path.split("/");
  const part = top === "compiler" && second !== undefined && !second.includes(".") ? second : undefined;
  const phase = part !== undefined && /^\d+-/.test(part) ? Number(part.split("-")[0]) : undefined;
  return { top: top!, part, phase };
}

/** Why importing `specifier` from the file at `from` (both relative to the repository) breaks the architecture, or undefined. */
export function importViolation(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) {
    if (/^(@[^/]+\/)?[^/.][^/]*\/dist\//.test(specifier) && !AJV_DOCUMENTED_ENTRIES.has(specifier)) return `reaches inside another package's dist/: ${specifier}`;
    return undefined;
  }
  const target = normalize(join(dirname(from), specifier)).split("\\").join("/");
  const source = placeOf(from);
  const dest = placeOf(target);
  if (source.top === "runtime" && (dest.top === "compiler" || dest.top === "cli")) return `the runtime imports ${dest.top}/`;
  if (source.top === "cli" && dest.top === "compiler" && target !== "compiler/index.js") return `the CLI imports past the compiler's entry: ${target}`;
  if (source.top === "compiler" && dest.top === "compiler" && dest.phase !== undefined) {
    if (source.part !== undefined && LIBRARIES.has(source.part)) return `the library ${source.part}/ imports the phase ${dest.part}/`;
    if (source.phase !== undefined && dest.phase > source.phase) return `the phase ${source.part}/ imports the later phase ${dest.part}/`;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|cts|mts)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names: imports, re-exports, import(), require(). */
function specifiersOf(path: string): string[] {
  const info = typescript.preProcessFile(readFileSync(join(ROOT, path), "utf8"), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

describe("the architecture", () => {
  it("holds in every module of compiler/, cli/ and runtime/", () => {
    const violations: string[] = [];
    for (const file of ["compiler", "cli", "runtime"].flatMap(sourceFiles)) {
      for (const specifier of specifiersOf(file)) {
        const problem = importViolation(file, specifier);
        if (problem !== undefined) violations.push(`${file}: ${problem}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("reads the files it checks (preProcessFile finds require() and import())", () => {
    expect(specifiersOf("compiler/typescript/compiler-api.ts")).toEqual(expect.arrayContaining(["node:module", "./ascii-require.js"]));
    expect(specifiersOf("compiler/3-emit/validators.ts")).toContain("ajv/dist/2020");
    expect(relative(ROOT, join(ROOT, "cli"))).toBe("cli");
  });

  it.each([
    ["compiler/2-analyze/analyze.ts", "../3-emit/emit.js", "the phase 2-analyze/ imports the later phase 3-emit/"],
    ["compiler/schema/schema-builder.ts", "../2-analyze/tool-spec.js", "the library schema/ imports the phase 2-analyze/"],
    ["compiler/typescript/jsdoc.ts", "../1-load/load-project.js", "the library typescript/ imports the phase 1-load/"],
    ["compiler/diagnostics/format.ts", "../3-emit/output-files.js", "the library diagnostics/ imports the phase 3-emit/"],
    ["runtime/protocol/session.ts", "../../compiler/index.js", "the runtime imports compiler/"],
    ["runtime/server.ts", "../cli/main.js", "the runtime imports cli/"],
    ["cli/commands/list.ts", "../../compiler/3-emit/manifest.js", "the CLI imports past the compiler's entry: compiler/3-emit/manifest.js"],
    ["compiler/1-load/load-project.ts", "@ts-morph/common/dist/typescript.js", "reaches inside another package's dist/: @ts-morph/common/dist/typescript.js"],
    ["runtime/index.ts", "ajv/dist/core", "reaches inside another package's dist/: ajv/dist/core"],
  ])("rejects %s importing %s", (from, specifier, problem) => {
    expect(importViolation(from, specifier)).toBe(problem);
  });

  it.each([
    ["compiler/3-emit/emit.ts", "../2-analyze/analysis.js"],
    ["compiler/2-analyze/analyze.ts", "../schema/schema-builder.js"],
    ["compiler/schema/schema-builder.ts", "../typescript/jsdoc.js"],
    ["cli/commands/list.ts", "../../compiler/index.js"],
    ["cli/main.ts", "./arguments.js"],
    ["runtime/server.ts", "./contract.js"],
    ["compiler/compile.ts", "./3-emit/emit.js"],
  ])("allows %s importing %s", (from, specifier) => {
    expect(importViolation(from, specifier)).toBeUndefined();
  });
});
