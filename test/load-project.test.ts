// compiler/1-load: the program comes from TypeScript's own host, with the
// standard library installed beside the typescript package; a watch session's next load reuses every
// parsed file whose text did not change (SourceFileCache).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../compiler/1-load/load-project.js";
import { DiagnosticBag } from "../compiler/diagnostics/diagnostic.js";
import { OUT } from "./helpers/paths.js";

function project(name: string, files: Record<string, string>): string {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2023"], types: [], strict: true } });

describe("loadProject", () => {
  it("type-checks against the standard library installed with the typescript package", () => {
    const dir = project("load-project-lib", { "tsconfig.json": TSCONFIG, "tools.ts": `export const n: number = [1, 2, 3].findLast((x) => x > 1) ?? 0;\n` });
    const bag = new DiagnosticBag();
    const loaded = loadProject(["tools.ts"], dir, bag)!;
    expect(bag.items).toEqual([]);
    const libFiles = loaded.program.getSourceFiles().filter((f) => f.isDeclarationFile);
    const libDirectory = dirname(createRequire(import.meta.url).resolve("typescript"));
    for (const file of libFiles) expect(dirname(file.fileName)).toBe(libDirectory);
    const libs = libFiles.map((f) => f.fileName.split("/").pop());
    expect(libs).toContain("lib.es2023.array.d.ts");
    // findLast is ES2023: without that lib file it would not type-check.
    expect(loaded.program.getSemanticDiagnostics(loaded.entries[0])).toEqual([]);
  });

  it("reuses unchanged files on the next load and parses the changed one again", () => {
    const dir = project("load-project-reuse", {
      "tsconfig.json": TSCONFIG,
      "tools.ts": `import { twice } from "./helpers.js";\nexport function f(n: number): number { return twice(n); }\n`,
      "helpers.ts": `export function twice(n: number): number { return n * 2; }\n`,
    });
    const first = loadProject(["tools.ts"], dir, new DiagnosticBag())!;
    writeFileSync(join(dir, "tools.ts"), `import { twice } from "./helpers.js";\nexport function f(n: number, m = 1): number { return twice(n) + m; }\n`);
    const second = loadProject(["tools.ts"], dir, new DiagnosticBag(), undefined, first)!;
    const byName = (loaded: typeof first, name: string) => loaded.program.getSourceFiles().find((f) => f.fileName.endsWith(name))!;
    expect(byName(second, "helpers.ts")).toBe(byName(first, "helpers.ts"));
    expect(byName(second, "lib.es5.d.ts")).toBe(byName(first, "lib.es5.d.ts"));
    expect(byName(second, "tools.ts")).not.toBe(byName(first, "tools.ts"));
    expect(byName(second, "tools.ts").text).toContain("m = 1");
    // Other compiler options: nothing is carried over.
    writeFileSync(join(dir, "tsconfig.json"), TSCONFIG.replace('"strict":true', '"strict":false'));
    const third = loadProject(["tools.ts"], dir, new DiagnosticBag(), undefined, second)!;
    expect(third.files).not.toBe(second.files);
  });

  it("re-parses an edited file incrementally into the tree a fresh parse gives", async () => {
    const { analyze } = await import("../compiler/compile.js");
    const { schemasOf } = await import("./helpers/schema-fixtures.js");
    const tools = (extra: string) =>
      [
        `/** Searches. */\nexport function search(query: string, limit = 10${extra}): string[] { return [query.repeat(limit)]; }`,
        `/** Orders. */\nexport function order(items: { sku: string; qty: number }[], mode: "fast" | "slow"): { id: string } { return { id: items[0]?.sku ?? mode }; }`,
      ].join("\n\n") + "\n";
    const dir = project("load-project-incremental", { "tsconfig.json": TSCONFIG, "tools.ts": tools("") });
    let previous = analyze({ entries: ["tools.ts"], cwd: dir }).loaded;
    // Edits in the middle of the file, then back: each watch-style reload must give what a cold analysis gives.
    for (const extra of [", note?: string", ", note?: string, tags: string[] = []", ""]) {
      writeFileSync(join(dir, "tools.ts"), tools(extra));
      const untouched = previous!.entries[0]!.statements[1];
      const reloaded = analyze({ entries: ["tools.ts"], cwd: dir }, previous);
      // The statement after the edit was not parsed again: the new tree holds the same node.
      expect(reloaded.loaded!.entries[0]!.statements[1]).toBe(untouched);
      const cold = analyze({ entries: ["tools.ts"], cwd: dir });
      expect(reloaded.diagnostics).toEqual([]);
      expect(schemasOf(reloaded.tools)).toEqual(schemasOf(cold.tools));
      const text = (r: typeof cold) => r.loaded!.entries[0]!.getFullText();
      expect(text(reloaded)).toBe(text(cold));
      previous = reloaded.loaded;
    }
    const search = schemasOf(analyze({ entries: ["tools.ts"], cwd: dir }, previous).tools).search!.inputSchema as { properties: object };
    expect(Object.keys(search.properties)).toEqual(["query", "limit"]);
  });
});
