// A watch session type-checks again only what an edit can reach
// (compiler/2-analyze/incremental-check.ts): files that neither changed nor
// import one that did keep their errors, and a changed file checks only the
// statements the edit replaced and those naming what they declare(d). After
// every edit below, the session must report exactly what a cold analysis
// reports; the edits are chosen so that a shortcut reasoning too little
// would miss an error that appears in a statement or file the edit did not
// touch.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, newBuildSession } from "../../compiler/index.js";
import { tempProject } from "../helpers/cli.js";

type Files = Record<string, string | null>;

interface Edit {
  files: Files;
  /** Errors expected after it (TypeScript's and mcpc's), so each step is known to test what it says. */
  errors: number;
}

async function expectSessionLikeCold(name: string, start: Files, edits: Edit[], tsconfig?: object): Promise<{ partial: number; kept: number }> {
  const dir = tempProject(`incremental-check-${name}`, Object.fromEntries(Object.entries(start).filter(([, text]) => text !== null)) as Record<string, string>);
  if (tsconfig !== undefined) writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  const options = { entries: ["src/tools.ts"], cwd: dir };
  const session = newBuildSession();
  const first = analyze(options, session.loaded, session);
  session.loaded = first.loaded;
  expect(first.diagnostics, `${name}: the start is clean`).toEqual([]);
  for (const [step, edit] of edits.entries()) {
    for (const [path, text] of Object.entries(edit.files)) {
      if (text === null) rmSync(join(dir, path));
      else writeFileSync(join(dir, path), text);
    }
    const watched = analyze(options, session.loaded, session);
    session.loaded = watched.loaded;
    const cold = analyze(options);
    expect(watched.diagnostics, `${name}, edit ${step + 1}`).toEqual(cold.diagnostics);
    expect(cold.diagnostics.filter((d) => d.severity === "error").length, `${name}, edit ${step + 1}: errors`).toBe(edit.errors);
  }
  return { partial: session.checks.partial, kept: session.checks.kept };
}

// Statements no edit reaches: a partial check is only taken while it checks at most half a file.
const UNRELATED = [1, 2, 3, 4].map((n) => `/** Number ${n}. */\nexport function number${n}(): number {\n  return ${n};\n}\n`).join("\n");

const CALLER = `/** Formats. */
export function format(value: string): string {
  return value.trim();
}

/** Uses format. */
export function use(): string {
  return format(" x ");
}

${UNRELATED}`;

/** A tool file that leaves the scenario to a module it imports (which may export and default-export as it likes). */
const USES_LIB = `import { measure } from "./lib.js";\n\n/** Measures. */\nexport function measured(): number {\n  return measure();\n}\n`;

describe("a watch session's type check", () => {
  it("finds an error an edit causes in a statement it did not touch, and its fix", async () => {
    const counts = await expectSessionLikeCold("caller", { "src/tools.ts": CALLER }, [
      { files: { "src/tools.ts": CALLER.replace("value: string): string", "value: number): string").replace("value.trim()", "String(value)") }, errors: 1 },
      { files: { "src/tools.ts": CALLER }, errors: 0 },
      // A rename: the caller names what the old statement declared.
      { files: { "src/tools.ts": CALLER.replace("export function format(", "export function formatted(") }, errors: 1 },
      { files: { "src/tools.ts": CALLER }, errors: 0 },
    ]);
    expect(counts.partial).toBeGreaterThan(0);
  });

  it("follows a type through statements that only name each other", async () => {
    const source = `function make() {
  return { size: 1 };
}
const made = make();
const again = made;

/** Reads a size. */
export function size(): number {
  return again.size;
}

${UNRELATED}
/** Number 5. */
export function number5(): number {
  return 5;
}
`;
    const counts = await expectSessionLikeCold("transitive", { "src/tools.ts": source }, [
      { files: { "src/tools.ts": source.replace("return { size: 1 };", "return { length: 1 };") }, errors: 1 },
      { files: { "src/tools.ts": source }, errors: 0 },
    ]);
    expect(counts.partial).toBeGreaterThan(0);
  });

  it("sees clashes between declarations of one name: merged interfaces, overloads, duplicates, exports", async () => {
    const source = `interface Box {
  width: number;
}
interface Box {
  height: number;
}
function pick(a: string): string;
function pick(a: number): number;
function pick(a: string | number): string | number {
  return a;
}
export { pick as chosen };

export function measure(box: Box = { width: 1, height: 2 }): number {
  return box.width + box.height + pick(1);
}

${UNRELATED}`;
    const lib = (text: string) => ({ "src/lib.ts": text });
    const counts = await expectSessionLikeCold("same-name", { "src/tools.ts": USES_LIB, "src/lib.ts": source }, [
      // The second half of the interface now disagrees with the first.
      { files: lib(source.replace("  height: number;", "  height: number;\n  width: string;")), errors: 1 },
      { files: lib(source), errors: 0 },
      // One overload no longer fits the implementation.
      { files: lib(source.replace("function pick(a: number): number;", "function pick(a: boolean): number;")), errors: 2 },
      { files: lib(source), errors: 0 },
      // A second implementation: the error lands on the old one too.
      { files: lib(`${source}function measure2(): void {}\nfunction measure2(): void {}\n`), errors: 2 },
      { files: lib(source), errors: 0 },
      // A function exported under a name the export list already uses.
      { files: lib(`${source}export function chosen(): number {\n  return 1;\n}\n`), errors: 3 },
      { files: lib(source), errors: 0 },
    ]);
    expect(counts.partial).toBeGreaterThan(0);
  });

  it("reports an error in a file the edit did not touch, and keeps an untouched file's error", async () => {
    const a = `export function scale(value: number): number {\n  return value * 2;\n}\n`;
    const b = `import { scale } from "./a.js";\n\nexport function doubled(): number {\n  return scale(2);\n}\n`;
    const c = `export const label: string = "c";\n`;
    const tools = `import { doubled } from "./b.js";\nimport { label } from "./c.js";\n\n/** Doubles. */\nexport function twice(): string {\n  return label + doubled();\n}\n`;
    const counts = await expectSessionLikeCold("files", { "src/tools.ts": tools, "src/a.ts": a, "src/b.ts": b, "src/c.ts": c }, [
      // b.ts (unchanged) breaks through a.ts; tools.ts imports b.ts, so it is checked again too.
      { files: { "src/a.ts": a.replace("value: number", "value: string").replace("value * 2", "value.length") }, errors: 1 },
      // c.ts gets an error of its own; b.ts, untouched since, still reports its error.
      { files: { "src/c.ts": `export const label: string = 3;\n` }, errors: 2 },
      { files: { "src/c.ts": c }, errors: 1 },
      { files: { "src/a.ts": a }, errors: 0 },
    ]);
    expect(counts.kept).toBeGreaterThan(0);
  });

  it("checks files whole where a partial check would not see it: unused names, @ts-expect-error, scripts, default exports", async () => {
    const unused = `function helper(): string {\n  return "h";\n}\n\n/** Greets. */\nexport function greet(): string {\n  return helper();\n}\n`;
    await expectSessionLikeCold("unused", { "src/tools.ts": unused }, [{ files: { "src/tools.ts": unused.replace("return helper();", 'return "hi";') }, errors: 1 }], {
      compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", noUnusedLocals: true, types: [] },
    });

    const expecting = `function read(): string {\n  return "r";\n}\n// @ts-expect-error: read gives a string\nconst n: number = read();\n\n/** Counts. */\nexport function count(): number {\n  return n;\n}\n`;
    await expectSessionLikeCold("expect-error", { "src/tools.ts": expecting }, [
      // read now gives a number: the directive above the unchanged line has nothing left to expect.
      { files: { "src/tools.ts": expecting.replace('function read(): string {\n  return "r";', "function read(): number {\n  return 1;") }, errors: 1 },
    ]);

    const globals = `declare function shout(text: string): string;\n`;
    const usesGlobal = `/// <reference path="./globals.ts" />\n\n/** Shouts. */\nexport function loud(): string {\n  return shout("a");\n}\n`;
    await expectSessionLikeCold("script", { "src/tools.ts": usesGlobal, "src/globals.ts": globals }, [
      { files: { "src/globals.ts": `declare function shout(text: number): string;\n` }, errors: 1 },
      { files: { "src/globals.ts": globals }, errors: 0 },
    ]);

    const defaults = `export function measure(): number {\n  return 1;\n}\nexport default measure;\n\n${UNRELATED}`;
    await expectSessionLikeCold("default", { "src/tools.ts": USES_LIB, "src/lib.ts": defaults }, [
      { files: { "src/lib.ts": `${defaults}export default function two(): number {\n  return 2;\n}\n` }, errors: 2 },
    ]);
  });

  it("reports mcpc's own errors as they come and go, at their current place", async () => {
    await expectSessionLikeCold("mcpc", { "src/tools.ts": CALLER }, [
      { files: { "src/tools.ts": `/** Untyped. */\nexport function loose(value): string {\n  return String(value);\n}\n\n${CALLER}` }, errors: 1 },
      { files: { "src/tools.ts": CALLER.replace("/** Uses format. */\n", "") }, errors: 1 },
      { files: { "src/tools.ts": CALLER }, errors: 0 },
    ]);
  });
});
