// A watch rebuild emits an edited module that stands alone by printing only
// the statements the edit replaced and splicing them into the last emit
// (compiler/3-emit/spliced-emit.ts). After every edit below, the module and
// its source map must be byte for byte what a cold build writes, whether the
// splice was taken or refused; and the edits a splice is for must take it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, newBuildSession } from "../../compiler/index.js";
import { tempProject } from "../helpers/cli.js";

const TOOLS = `// A header comment, apart from the first statement.

export type Unit = "km" | "mi";

/**
 * Finds things.
 * @param query - What to look for.
 */
export function find(/** @minLength 2 */ query: string, limit = 10): string[] {
  return [query, String(limit)]; // a comment after code
}

interface Shape {
  unit: Unit;
}

/** Measures. */
export function measure(shape: Shape, scale = 1): number {
  const factor = shape.unit === "km" ? 1 : 1.6;
  return factor * scale;
}

function helper(text: string): string {
  return text.trim();
}

/** Greets. */
export async function greet(name: string): Promise<string> {
  return helper("hi " + name);
}
// A comment at the end of the file.
`;

interface Step {
  name: string;
  edit: (text: string) => string;
  /** Whether the splice is taken (else the module is emitted whole). */
  spliced: boolean;
}

const STEPS: Step[] = [
  { name: "a parameter added", edit: (t) => t.replace("limit = 10)", "limit = 10, exact?: boolean)"), spliced: true },
  { name: "a description edited", edit: (t) => t.replace("/** Measures. */", "/** Measures a shape. */"), spliced: true },
  { name: "a body grows by lines", edit: (t) => t.replace("  return factor * scale;", "  const scaled = factor * scale;\n\n  return scaled;"), spliced: true },
  { name: "a helper edited (not exported)", edit: (t) => t.replace("text.trim()", "text.trim().toLowerCase()"), spliced: true },
  // The comment that ended the file now comes before the new function: printed with it, not after the last statement.
  { name: "a function added at the end", edit: (t) => `${t}\n/** Counts. */\nexport function count(items: string[]): number {\n  return items.length;\n}\n`, spliced: false },
  { name: "the comment that ended the file removed", edit: (t) => t.replace("// A comment at the end of the file.\n", ""), spliced: true },
  { name: "another added at the end", edit: (t) => `${t}/** Doubles. */\nexport function double(n: number): number {\n  return n * 2;\n}\n`, spliced: true },
  { name: "a function removed", edit: (t) => t.replace(/\/\*\* Measures a shape\. \*\/[\s\S]*?\n}\n/, ""), spliced: true },
  { name: "two functions apart edited", edit: (t) => t.replace("String(limit)", "String(limit + 1)").replace("items.length", "items.length + 0"), spliced: true },
  { name: "an interface edited (prints nothing)", edit: (t) => t.replace("  unit: Unit;", "  unit: Unit;\n  label?: string;"), spliced: true },
  { name: "the header comment edited", edit: (t) => t.replace("A header comment", "The header comment"), spliced: true },
  { name: "a statement put before the first", edit: (t) => `export const VERSION = 1;\n${t}`, spliced: true },
  { name: "a comment after the last statement on its line", edit: (t) => t.replace("return items.length + 0;\n}", "return items.length + 0;\n} // counted"), spliced: false },
  // The statement it followed is printed again, and its old lines held that comment: no splice either.
  { name: "the trailing comment removed again", edit: (t) => t.replace("} // counted", "}"), spliced: false },
  { name: "then an edit there splices again", edit: (t) => t.replace("return n * 2;", "return n * 3;"), spliced: true },
  { name: "a value import added", edit: (t) => `${t}\nimport { join } from "node:path";\n/** Joins. */\nexport function joined(a: string): string {\n  return join(a, "x");\n}\n`, spliced: false },
  { name: "a class with private fields (helpers below ES2022)", edit: (t) => `${t}\nexport class Counter {\n  #n = 0;\n  next(): number {\n    return ++this.#n;\n  }\n}\n`, spliced: true },
  { name: "the class edited", edit: (t) => t.replace("return ++this.#n;", "this.#n += 2;\n    return this.#n;"), spliced: true },
];

describe("a watch rebuild's spliced emit", () => {
  // Below ES2022 only what differs there: a class with private fields needs helpers.
  // With CRLF line ends, the edits whose text has no line break (the statements are printed from the line
  // the first one starts on, its lines counted in the file's own breaks).
  const crlf = ["a parameter added", "a description edited", "a body grows by lines", "a helper edited (not exported)", "the header comment edited"];
  for (const [target, steps, source] of [
    ["ES2022", STEPS, TOOLS],
    ["ES2020", STEPS.filter((step) => step.name === "a parameter added" || step.name.includes("class")), TOOLS],
    ["ES2022", STEPS.filter((step) => crlf.includes(step.name)), TOOLS.replace(/\n/g, "\r\n")],
    // A line separator (U+2028) is a line break to TypeScript and to its source maps: in an interface (which the module
    // does not print) before the edited function, the lines printed alone must count it.
    ["ES2022", STEPS.filter((step) => ["a description edited", "a body grows by lines"].includes(step.name)), TOOLS.replace("  unit: Unit;", "  /** km\u2028or mi */\n  unit: Unit;")],
  ] as const) {
    const ends = source.includes("\r\n") ? ", CRLF" : source.includes("\u2028") ? ", U+2028" : "";
    it(`writes what a cold build writes after each edit (${target}${ends})`, async () => {
      const dir = tempProject(`spliced-emit-${target}${ends.replace(/\W+/g, "-").toLowerCase()}`, { "src/tools.ts": source });
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target, module: "ESNext", moduleResolution: "Bundler", types: ["node"] } }));
      const session = newBuildSession();
      const first = await build({ entries: ["src/tools.ts"], cwd: dir, outDir: join(dir, "watched") }, false, session);
      expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      let text: string = source;
      for (const step of steps) {
        text = step.edit(text);
        writeFileSync(join(dir, "src/tools.ts"), text);
        const before = session.app.spliced;
        const watched = await build({ entries: ["src/tools.ts"], cwd: dir, outDir: join(dir, "watched") }, false, session);
        const cold = await build({ entries: ["src/tools.ts"], cwd: dir, outDir: join(dir, "watched") }, false);
        expect(watched.diagnostics, step.name).toEqual(cold.diagnostics);
        expect(cold.diagnostics.filter((d) => d.severity === "error"), step.name).toEqual([]);
        for (const path of ["app/tools.js", "app/tools.js.map"]) expect(watched.files!.get(path), `${step.name}: ${path}`).toBe(cold.files!.get(path));
        // Below ES2022 the class's private fields need helpers printed at the top of the module: no splice then.
        const expected = step.spliced && !(target === "ES2020" && step.name.includes("class"));
        expect(session.app.spliced - before, `${step.name}: spliced`).toBe(expected ? 1 : 0);
      }
    });
  }
});
