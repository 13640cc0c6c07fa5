// compiler/1-load: the program comes from TypeScript's own host, with the
// standard library installed beside the typescript package; a watch session's next load reuses every
// parsed file whose text did not change (SourceFileCache).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../../compiler/1-load/load-project.js";
import { DiagnosticBag } from "../../compiler/diagnostics/diagnostic.js";
import { OUT } from "../helpers/paths.js";

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
    const { analyze } = await import("../../compiler/compile.js");
    const { schemasOf } = await import("../helpers/schema-fixtures.js");
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

// The project's own TypeScript decides what its tsconfig means: a 5.x project is read as 5.x reads it.
describe("the TypeScript the user has", () => {
  const require = createRequire(import.meta.url);
  const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

  /** A project outside this repository (so nothing resolves through mcpc's own node_modules), with its own node_modules. */
  function outsideProject(name: string, files: Record<string, string>, modules: Record<string, string>): string {
    const dir = join(tmpdir(), `mcpc-${name}-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    for (const [path, target] of Object.entries(modules)) {
      mkdirSync(dirname(join(dir, "node_modules", path)), { recursive: true });
      symlinkSync(target, join(dir, "node_modules", path), "dir");
    }
    return dir;
  }

  // baseUrl/paths and an outDir without rootDir, no `types`, process.env used: what a TypeScript 5.9 project writes.
  const TS5_PROJECT = {
    "package.json": JSON.stringify({ name: "ts5-project", version: "1.0.0", type: "module" }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "dist", baseUrl: ".", paths: { "@lib/*": ["src/lib/*"] } },
      include: ["src"],
    }),
    "src/lib/greeting.ts": `export function salutation(): string {\n  return process.env.GREETING ?? "Hello";\n}\n`,
    "src/tools.ts": `import { salutation } from "@lib/greeting.js";\n\n/** Greets someone. */\nexport function greet(name: string): string {\n  return \`\${salutation()}, \${name}\`;\n}\n`,
  };

  function tsc(typescriptDir: string, dir: string) {
    return spawnSync(process.execPath, [join(typescriptDir, "bin", "tsc"), "-p", dir, "--noEmit"], { encoding: "utf8", timeout: 120_000 });
  }

  it("accepts a tsconfig that the project's TypeScript 5.x accepts, as its own tsc does", async () => {
    const { analyze } = await import("../../compiler/compile.js");
    const typescript5 = packageDir("typescript-5");
    const dir = outsideProject("ts5", TS5_PROJECT, { typescript: typescript5, "@types/node": packageDir("@types/node") });
    expect(JSON.parse(readFileSync(join(dir, "node_modules", "typescript", "package.json"), "utf8")).version).toMatch(/^5\./);
    const own = tsc(typescript5, dir);
    expect(own.status, own.stdout).toBe(0);
    const result = analyze({ entries: ["src/tools.ts"], cwd: dir });
    expect(result.diagnostics.map((d) => d.message)).toEqual([]);
    expect(result.tools.map((t) => t.name)).toEqual(["greet"]);
  });

  it("reports what TypeScript 6 reports when that is the project's TypeScript", async () => {
    const { analyze } = await import("../../compiler/compile.js");
    const typescript6 = packageDir("typescript");
    const dir = outsideProject("ts6", TS5_PROJECT, { typescript: typescript6, "@types/node": packageDir("@types/node") });
    const own = tsc(typescript6, dir);
    // tsc stops at the tsconfig's errors (TS5xxx): those are what both must agree on.
    const ownCodes = [...own.stdout.matchAll(/error (TS5\d+)/g)].map((m) => m[1]).sort();
    expect(ownCodes).toContain("TS5101");
    const codes = analyze({ entries: ["src/tools.ts"], cwd: dir }).diagnostics.flatMap((d) => /^TS5\d+/.exec(d.message) ?? []).sort();
    expect(codes).toEqual(ownCodes);
  });

  it("hints at installing mcpc when 'mcpc/runtime' cannot be found", async () => {
    const { analyze } = await import("../../compiler/compile.js");
    const dir = outsideProject("no-mcpc", {
      "package.json": JSON.stringify({ name: "no-mcpc", type: "module" }),
      "tools.ts": `import type { Context } from "mcpc/runtime";\n\n/** Greets. */\nexport function greet(name: string, ctx: Context): string {\n  return name;\n}\n`,
    }, {});
    // Not TS2307 and "fix the TypeScript error": the build goes on with mcpc's own
    // types and warns once per import, saying what to install.
    const diagnostics = analyze({ entries: ["tools.ts"], cwd: dir }).diagnostics;
    expect(diagnostics.filter((d) => d.message.startsWith("TS2307"))).toEqual([]);
    const missing = diagnostics.find((d) => d.code === "MCPC2007");
    expect(missing?.severity).toBe("warning");
    expect(missing?.message).toContain("'mcpc/runtime'");
    expect(missing?.hint).toContain("npm i -D mcpc");
  });
});
