// A module that stands alone (compiler/3-emit/standalone-emit.ts) is emitted
// by a program of its own, without the checker's view of the whole program.
// That is only sound if TypeScript writes the same bytes either way: this
// compares the two emits, code and source map, for modules written to reach
// the corners of the emitter (class fields, private names, helpers, ambient
// declarations, dynamic imports), at the targets mcpc builds for.
import { writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { standsAlone } from "../../compiler/3-emit/standalone-emit.js";
import { analyze } from "../../compiler/index.js";
import { tempProject } from "../helpers/cli.js";
import { expectStandaloneEmitsAlike } from "../helpers/standalone-emit.js";

// The fixtures runner (fixtures.test.ts) compares the two emits for every fixture's modules too.
describe("a module emitted alone", () => {
  const CORNERS = `import type { Helper } from "./helper.js";

// A header comment, detached from the first statement.

/** A class with every kind of member. */
export class Store<T> {
  #items: T[] = [];
  static count = 0;
  static {
    Store.count = 1;
  }
  declare tag: string;
  accessor size = 0;
  constructor(private readonly name: string, public limit = 10) {}
  get first(): T | undefined {
    return this.#items[0];
  }
  add(item: T): this {
    this.#items.push(item);
    return this;
  }
  static #secret(): number {
    return 42;
  }
}

export abstract class Base {
  abstract run(): void;
}

declare const injected: string;
declare namespace Ambient {
  const value: number;
}
declare global {
  var injectedGlobal: string | undefined;
}

function overloaded(a: string): string;
function overloaded(a: number): number;
function overloaded(a: string | number): string | number {
  return a;
}

export type Shape = { kind: "circle"; r: number } | { kind: "square"; s: number };
export interface Point {
  x: number;
}

const settings = { mode: "fast", retries: 3 } as const satisfies Record<string, string | number>;

/** Async and generators. */
export async function* lines(text: string): AsyncGenerator<string> {
  for (const line of text.split("\\n")) yield line;
}

export async function load(name: string): Promise<unknown> {
  const mod = await import("./helper.js");
  return mod.helper(name) ?? settings.mode;
}

export function use(h: Helper, p?: Point): number {
  const { x = 0, ...rest } = p ?? { x: 1 };
  label: for (const k of Object.keys(rest)) {
    if (k) continue label;
  }
  return h.size + x + overloaded(1) + (injected?.length ?? 0);
}

export default function main(): string {
  return \`\${overloaded("a")}\`;
}
`;

  const HELPER = `export interface Helper { size: number }
export function helper(name: string): string | undefined {
  return name || undefined;
}
`;

  // Imports the program keeps (every name read as a value) stand alone; one it drops does not.
  const READS_VALUES = `import { helper, type Helper } from "./helper.js";
import * as all from "./helper.js";
import "./helper.js";

export function run(h: Helper): unknown {
  const table = { helper };
  return [table.helper(String(h.size)), all.helper("x")];
}
`;
  const READS_A_TYPE = `import { Helper } from "./helper.js";

export function size(h: Helper): number {
  return h.size;
}
`;

  for (const [target, useDefineForClassFields] of [
    ["ES2020", undefined],
    ["ES2022", undefined],
    ["ES2022", false],
    ["ESNext", undefined],
  ] as const) {
    it(`is what the whole program emits for the emitter's corners (${target}${useDefineForClassFields === false ? ", useDefineForClassFields off" : ""})`, () => {
      const dir = tempProject(`standalone-${target}-${String(useDefineForClassFields)}`, {
        "src/tools.ts": `import "./reads-values.js";\nimport "./reads-a-type.js";\n${CORNERS}`,
        "src/helper.ts": HELPER,
        "src/reads-values.ts": READS_VALUES,
        "src/reads-a-type.ts": READS_A_TYPE,
      });
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target, module: "ESNext", moduleResolution: "Bundler", useDefineForClassFields } }));
      const result = analyze({ entries: ["src/tools.ts"], cwd: dir });
      // mcpc's own refusals (a default export, helpers without descriptions) do not matter here; TypeScript's would.
      expect(result.diagnostics.filter((d) => d.code === "MCPC2004")).toEqual([]);
      const program = result.loaded!.program;
      // reads-a-type.ts's import is one the program drops: it is emitted with the program.
      expect(program.getSourceFiles().filter((f) => standsAlone(f, program)).map((f) => basename(f.fileName)).sort()).toEqual(["helper.ts", "reads-values.ts", "tools.ts"]);
      expect(expectStandaloneEmitsAlike(program, target)).toBe(3);
    });
  }
});

describe("a module reading a const enum through a namespace import", () => {
  it("is emitted with the program, which inlines the member", () => {
    const dir = tempProject("standalone-const-enum-namespace", {
      "src/colors.ts": "export const enum Color {\n  Red = 1,\n}\n",
      "src/tools.ts": 'import * as colors from "./colors.js";\n\n/** Red. */\nexport function red(): number {\n  return colors.Color.Red;\n}\n',
    });
    const result = analyze({ entries: ["src/tools.ts"], cwd: dir });
    const program = result.loaded!.program;
    const tools = program.getSourceFiles().find((f) => f.fileName.endsWith("src/tools.ts"))!;
    expect(standsAlone(tools, program)).toBe(false);
  });
});
