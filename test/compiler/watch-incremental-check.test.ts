// The oracle for a watch session's shortcuts (issue 19): however a rebuild
// decides what to type-check and emit again after an edit, it must report
// exactly what a cold build of the same sources reports, and, when the
// sources are clean, emit the same files byte for byte and leave exactly
// those on disk. Each scenario starts clean and edits on; every edit is
// chosen so that a rebuild reasoning too little about what the edit reaches
// (an error in a statement or a file the edit did not touch, an error that
// must stay reported, output that changes though its source did not) would
// report or emit something else than the cold build. Each edit also names
// where its errors are (file:line), so the step is known to test what it says.
//
// The type check's shortcuts (compiler/2-analyze/incremental-check.ts): a
// file that neither changed nor imports one that did keeps its errors, and a
// changed file checks only the statements the edit replaced and those naming
// what they declare(d), unless the file must be checked whole. An edit meant
// to take one of those paths says so (`checks`), and the rebuild's counters
// must show it took it, so a shortcut that silently stopped being used (every
// file checked whole again, still correct) fails here too.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { build, newBuildSession, type BuildResult, type BuildSession } from "../../compiler/index.js";
import { tempProject } from "../helpers/cli.js";
import { expectEmittedLikeCold } from "../helpers/session-vs-cold.js";

/** New contents by path under the project; null removes the file. */
type Files = Record<string, string | null>;

interface Edit {
  /** What the edit does, for the failure message. */
  does: string;
  files: Files;
  /** Every error the sources then have, as `path:line`, in the order a build reports them. */
  errors: string[];
  /**
   * How this rebuild's type check must go, for an edit meant to take one path:
   * how many files it checked in part (0: the changed files were checked
   * whole), and how many kept their last errors unchecked.
   */
  checks?: { partial: number; kept: number };
}

interface Scenario {
  name: string;
  start: Record<string, string>;
  edits: Edit[];
  tsconfig?: object;
}

const ENTRY = "src/tools.ts";

/** The TypeCheckMemo's counters; each rebuild adds to them. */
function checkCounts(session: BuildSession): { partial: number; kept: number } {
  return { partial: session.checks.partial, kept: session.checks.kept };
}

async function rebuild(dir: string, session: BuildSession): Promise<BuildResult> {
  return build({ entries: [ENTRY], cwd: dir, outDir: join(dir, "watched") }, true, session);
}

async function cold(dir: string): Promise<BuildResult> {
  return build({ entries: [ENTRY], cwd: dir, outDir: join(dir, "cold") }, false);
}

function errorPlaces(dir: string, result: BuildResult): string[] {
  return result.diagnostics.filter((d) => d.severity === "error").map((d) => `${relative(dir, d.file ?? dir).split("\\").join("/")}:${d.line ?? 0}`);
}

async function expectSessionLikeCold(scenario: Scenario): Promise<void> {
  const dir = tempProject(`watch-incremental-${scenario.name}`, scenario.start);
  if (scenario.tsconfig !== undefined) writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(scenario.tsconfig));
  const session = newBuildSession();
  const first = await rebuild(dir, session);
  expect(first.diagnostics, `${scenario.name}: the start is clean`).toEqual([]);
  for (const [step, edit] of scenario.edits.entries()) {
    const label = `${scenario.name}, edit ${step + 1} (${edit.does})`;
    for (const [path, text] of Object.entries(edit.files)) {
      if (text === null) rmSync(join(dir, path));
      else {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
    }
    const before = checkCounts(session);
    const watched = await rebuild(dir, session);
    const after = checkCounts(session);
    const fresh = await cold(dir);
    expect(watched.diagnostics, label).toEqual(fresh.diagnostics);
    expect(errorPlaces(dir, fresh), `${label}: the errors a cold build finds`).toEqual(edit.errors);
    if (edit.checks !== undefined) {
      expect({ partial: after.partial - before.partial, kept: after.kept - before.kept }, `${label}: how the type check went`).toEqual(edit.checks);
    }
    if (edit.errors.length > 0) continue;
    expectEmittedLikeCold(watched, fresh, join(dir, "watched"), label);
  }
}

/** The one edited file checked in part, no file kept unchecked. */
const PART = { partial: 1, kept: 0 };
/** Every file checked whole: the shortcut does not hold for this edit, or the file's last check found an error. */
const WHOLE = { partial: 0, kept: 0 };

/** Statements no edit reaches: a rebuild may check part of a file only while that part is small against the rest. */
const SPARE = [1, 2, 3, 4, 5].map((n) => `/** Gives ${n}. */\nexport function spare${n}(): number {\n  return ${n};\n}\n`).join("\n");

/** A tool file that only imports a module where the scenario happens (modules may export what a tool file may not). */
const toolsUsing = (module: string, name: string, type = "number"): string =>
  `import { ${name} } from "./${module}.js";\n\n/** Calls ${name}. */\nexport function call_${name}(): ${type} {\n  return ${name}();\n}\n`;

const CALLER = `/** Formats. */
export function format(value: string): string {
  return value.trim();
}

/** Uses format. */
export function use(): string {
  return format(" x ");
}

${SPARE}`;

const TRANSITIVE = `function make() {
  return { size: 1 };
}

const made = make();

/** Reads a size. */
export function size(): number {
  return made.size;
}

${SPARE}`;

const MERGED = `interface Box {
  width: number;
}

interface Box {
  height: number;
  width: number;
}

/** Area of a box. */
export function area(box: Box): number {
  return box.width * box.height;
}

${SPARE}`;

const OVERLOADS = `function pick(a: string): string;
function pick(a: number): number;
function pick(a: string | number): string | number {
  return a;
}

/** Picks a number. */
export function chosen(): number {
  return pick(1);
}

${SPARE}`;

const HELPED = `function helper(): number {
  return 1;
}

/** Uses the helper. */
export function helped(): number {
  return helper();
}

${SPARE}`;

const ALIAS = `type Unit = "km" | "mi";

/** Converts to metres. */
export function convert(unit: Unit, amount: number): number {
  return unit === "km" ? amount * 1000 : amount * 1609;
}

${SPARE}`;

const CLASSES = `interface Shape {
  area(): number;
}

class Base {
  scale = 1;
}

class Square extends Base implements Shape {
  constructor(private side: number) {
    super();
  }
  area(): number {
    return this.side * this.side * this.scale;
  }
}

/** Area of a square. */
export function squareArea(side: number): number {
  return new Square(side).area();
}

${SPARE}`;

const ENUM = `enum Level {
  Low,
  High,
}

/** A level. */
export function level(high: boolean): number {
  return high ? Level.High : Level.Low;
}

${SPARE}`;

const ORDERED = `const base = 10;

const start = base * 2;

/** Where it starts. */
export function begin(): number {
  return start;
}

${SPARE}`;

const A_SCALE = `export function scale(value: number): number {\n  return value * 2;\n}\n`;
const B_DOUBLES = `import { scale } from "./a.js";\n\nexport function doubled(): number {\n  return scale(2);\n}\n`;

const A_BASE = `export function base() {\n  return 1;\n}\n`;
const B_MID = `import { base } from "./a.js";\n\nexport function mid() {\n  return base() + 1;\n}\n`;
const C_TOP = `import { mid } from "./b.js";\n\nexport function top(): number {\n  return mid() * 2;\n}\n`;

const X_LABEL = `export const label: string = "x";\n`;
const Y_COUNT = `export const count: number = 1;\n`;
const TOOLS_XY = `import { label } from "./x.js";\nimport { count } from "./y.js";\n\n/** Labels a count. */\nexport function labelled(): string {\n  return label + count;\n}\n`;

const UNUSED_LIB = `export function helper(): string {\n  return "h";\n}\n`;
const UNUSED_TOOLS = `import { helper } from "./lib.js";

function local(): string {
  return "l";
}

/** Greets. */
export function greet(): string {
  return helper() + local();
}

${SPARE}`;

const UNUSED_PARAMETERS = `function add(a: number, b: number): number {
  return a + b;
}

/** Adds. */
export function sum(a: number, b: number): number {
  return add(a, b);
}

${SPARE}`;

const GLOBALS = `declare function shout(text: string): string;\n`;
const USES_GLOBAL = `/// <reference path="./globals.ts" />\n\n/** Shouts. */\nexport function loud(text: string): string {\n  return shout(text);\n}\n\n${SPARE}`;

const AUGMENTS_GLOBAL = `export const marker = 1;\n\ndeclare global {\n  function whisper(text: string): string;\n}\n`;
const USES_AUGMENTED = `import "./augment.js";\n\n/** Whispers. */\nexport function quiet(text: string): string {\n  return whisper(text);\n}\n\n${SPARE}`;

const OPTIONS_LIB = `export interface Options {\n  size: number;\n}\n\nexport const defaults: Options = { size: 1 };\n\nexport function sized(): number {\n  return defaults.size;\n}\n`;
const AUGMENTS_MODULE = `import { sized } from "./lib.js";\n\ndeclare module "./lib.js" {\n  interface Options {\n    extra?: string;\n  }\n}\n\n/** Its size. */\nexport function size(): number {\n  return sized();\n}\n\n${SPARE}`;

const EXPORT_LIST = `function pick(): number {
  return 1;
}

export { pick as chosen };

export function other(): number {
  return 2;
}

${SPARE}`;

const DOCUMENTED = `/**
 * Finds things.
 * @param query What to look for.
 */
export function find(query: string, limit = 10): string[] {
  return [query, String(limit)];
}

${SPARE}`;

const BODY = `/** Counts letters. */
export function letters(text: string): number {
  const count = text.length;
  return count;
}

${SPARE}`;

const TYPE_QUERY = `function lookup(id: string, depth: number): string {
  return String(id) + depth;
}

/** Finds by id. */
export function find(id: Parameters<typeof lookup>[0]): string {
  return lookup(id, 1);
}

${SPARE}`;

const NARROWED = `let mode: string | number = "a";

mode = 2;

const width: number = mode;

/** The width. */
export function measured(): number {
  return width;
}

${SPARE}`;

const CYCLE_A = `import { doubled } from "./b.js";

export function base() {
  return 1;
}

export const total: number = doubled;

${SPARE}`;
const CYCLE_B = `import { base } from "./a.js";\n\nexport const doubled = base();\n`;

const CONST_ENUM_LIB = `export const enum Color {\n  Red = 1,\n  Green = 2,\n}\n`;
const CONST_ENUM_TOOLS = `import { Color } from "./colors.js";\n\n/** The red code. */\nexport function red(): number {\n  return Color.Red;\n}\n\n${SPARE}`;

const KIND_LIB = `export interface Kind {\n  name: string;\n}\n\nexport function kindName(kind: Kind): string {\n  return kind.name;\n}\n`;
const KIND_MID = `export { Kind, kindName } from "./kinds.js";\n`;
const KIND_TOOLS = `import { kindName } from "./mid.js";\n\n/** Names a kind. */\nexport function named(name: string): string {\n  return kindName({ name });\n}\n\n${SPARE}`;

const STRICT = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true };

const MAYBE = `function maybe(flag: boolean): number | undefined {
  if (flag) return 1;
}

/** Maybe one. */
export function one(flag: boolean): number {
  return maybe(flag) ?? 0;
}

${SPARE}`;

const UNREACHABLE = `const ready: boolean = Date.now() > 0;

if (!ready) throw new Error("not ready");

const answer = 42;

/** The answer. */
export function answerIs(): number {
  return answer;
}

${SPARE}`;

// Smaller files than the ones above (four spare statements, not five): a partial check must still be taken in them.
const FOUR_SPARE = [1, 2, 3, 4].map((n) => `/** Number ${n}. */\nexport function number${n}(): number {\n  return ${n};\n}\n`).join("\n");

const CALLER_SMALL = `/** Formats. */
export function format(value: string): string {
  return value.trim();
}

/** Uses format. */
export function use(): string {
  return format(" x ");
}

${FOUR_SPARE}`;

const CHAIN = `function make() {
  return { size: 1 };
}
const made = make();
const again = made;

/** Reads a size. */
export function size(): number {
  return again.size;
}

${FOUR_SPARE}
/** Number 5. */
export function number5(): number {
  return 5;
}
`;

const SAME_NAME = `interface Box {
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

${FOUR_SPARE}`;

const P_SCALE = `export function scale(value: number): number {\n  return value * 2;\n}\n`;
const Q_DOUBLES = `import { scale } from "./p.js";\n\nexport function doubled(): number {\n  return scale(2);\n}\n`;
const R_LABEL = `export const label: string = "c";\n`;
const TOOLS_QR = `import { doubled } from "./q.js";\nimport { label } from "./r.js";\n\n/** Doubles. */\nexport function twice(): string {\n  return label + doubled();\n}\n`;

const UNUSED_HELPER = `function helper(): string {\n  return "h";\n}\n\n/** Greets. */\nexport function greet(): string {\n  return helper();\n}\n`;

const EXPECTING = `function read(): string {\n  return "r";\n}\n// @ts-expect-error: read gives a string\nconst n: number = read();\n\n/** Counts. */\nexport function count(): number {\n  return n;\n}\n`;

const USES_GLOBAL_BARE = `/// <reference path="./globals.ts" />\n\n/** Shouts. */\nexport function loud(): string {\n  return shout("a");\n}\n`;

const DEFAULT_EXPORT = `export function measure(): number {\n  return 1;\n}\nexport default measure;\n\n${FOUR_SPARE}`;

const scenarios: Scenario[] = [
  {
    name: "signature-breaks-caller",
    start: { [ENTRY]: CALLER },
    edits: [
      { does: "format takes a number: the unchanged caller breaks", files: { [ENTRY]: CALLER.replace("value: string): string", "value: number): string").replace("value.trim()", "String(value)") }, errors: ["src/tools.ts:8"], checks: PART },
      { does: "back", files: { [ENTRY]: CALLER }, errors: [] },
      { does: "format takes a second parameter", files: { [ENTRY]: CALLER.replace("value: string)", "value: string, width: number)").replace("value.trim()", "value.padEnd(width)") }, errors: ["src/tools.ts:8"], checks: PART },
      { does: "the caller passes it", files: { [ENTRY]: CALLER.replace("value: string)", "value: string, width: number)").replace("value.trim()", "value.padEnd(width)").replace('format(" x ")', 'format(" x ", 4)') }, errors: [], checks: WHOLE },
    ],
  },
  {
    name: "rename",
    start: { [ENTRY]: CALLER },
    edits: [
      { does: "format renamed", files: { [ENTRY]: CALLER.replace("function format(", "function formatted(") }, errors: ["src/tools.ts:8"], checks: PART },
      { does: "the caller renamed too", files: { [ENTRY]: CALLER.replace("function format(", "function formatted(").replace('format(" x ")', 'formatted(" x ")') }, errors: [], checks: WHOLE },
      { does: "back", files: { [ENTRY]: CALLER }, errors: [] },
    ],
  },
  {
    name: "remove",
    start: { [ENTRY]: CALLER },
    edits: [
      { does: "format removed", files: { [ENTRY]: CALLER.replace(/\/\*\* Formats\. \*\/[^]*?\n}\n\n/, "") }, errors: ["src/tools.ts:3"], checks: PART },
      { does: "restored", files: { [ENTRY]: CALLER }, errors: [] },
    ],
  },
  {
    name: "transitive-inferred-type",
    start: { [ENTRY]: TRANSITIVE },
    edits: [
      { does: "make's inferred type loses size", files: { [ENTRY]: TRANSITIVE.replace("return { size: 1 };", "return { length: 1 };") }, errors: ["src/tools.ts:9"], checks: PART },
      { does: "size becomes a string", files: { [ENTRY]: TRANSITIVE.replace("return { size: 1 };", 'return { size: "1" };') }, errors: ["src/tools.ts:9"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: TRANSITIVE }, errors: [] },
    ],
  },
  {
    name: "merged-interface",
    start: { [ENTRY]: MERGED },
    edits: [
      { does: "the first half's width becomes a string", files: { [ENTRY]: MERGED.replace("interface Box {\n  width: number;", "interface Box {\n  width: string;") }, errors: ["src/tools.ts:7", "src/tools.ts:12"], checks: PART },
      { does: "back", files: { [ENTRY]: MERGED }, errors: [] },
      { does: "the second half's height becomes a string", files: { [ENTRY]: MERGED.replace("height: number;", "height: string;") }, errors: ["src/tools.ts:12"], checks: PART },
      { does: "the first half gains a field (the tool's schema changes)", files: { [ENTRY]: MERGED.replace("interface Box {\n  width: number;", "interface Box {\n  width: number;\n  depth?: number;") }, errors: [], checks: WHOLE },
    ],
  },
  {
    name: "overloads",
    start: { [ENTRY]: OVERLOADS },
    edits: [
      { does: "the number overload takes a boolean", files: { [ENTRY]: OVERLOADS.replace("function pick(a: number): number;", "function pick(a: boolean): number;") }, errors: ["src/tools.ts:2", "src/tools.ts:9"], checks: PART },
      { does: "back", files: { [ENTRY]: OVERLOADS }, errors: [] },
      { does: "the implementation no longer takes a number", files: { [ENTRY]: OVERLOADS.replace("function pick(a: string | number): string | number {", "function pick(a: string): string | number {") }, errors: ["src/tools.ts:2"], checks: PART },
      { does: "back", files: { [ENTRY]: OVERLOADS }, errors: [] },
    ],
  },
  {
    name: "duplicate-function",
    start: { [ENTRY]: HELPED },
    edits: [
      { does: "a second helper added at the end", files: { [ENTRY]: `${HELPED}\nfunction helper(): number {\n  return 2;\n}\n` }, errors: ["src/tools.ts:1", "src/tools.ts:35"], checks: PART },
      { does: "removed again", files: { [ENTRY]: HELPED }, errors: [] },
    ],
  },
  {
    name: "type-alias",
    start: { [ENTRY]: ALIAS },
    edits: [
      { does: "the alias no longer has km", files: { [ENTRY]: ALIAS.replace('"km" | "mi"', '"m" | "mi"') }, errors: ["src/tools.ts:5"], checks: PART },
      { does: "the alias gains nm (the tool's schema changes)", files: { [ENTRY]: ALIAS.replace('"km" | "mi"', '"km" | "mi" | "nm"') }, errors: [], checks: WHOLE },
      { does: "back", files: { [ENTRY]: ALIAS }, errors: [] },
    ],
  },
  {
    name: "class-heritage",
    start: { [ENTRY]: CLASSES },
    edits: [
      { does: "the interface gains a method the class lacks", files: { [ENTRY]: CLASSES.replace("  area(): number;\n}", "  area(): number;\n  perimeter(): number;\n}") }, errors: ["src/tools.ts:10"], checks: PART },
      { does: "back", files: { [ENTRY]: CLASSES }, errors: [] },
      { does: "the base's scale becomes a string", files: { [ENTRY]: CLASSES.replace("scale = 1;", 'scale = "1";') }, errors: ["src/tools.ts:14"], checks: PART },
      { does: "the base gains an area of another type", files: { [ENTRY]: CLASSES.replace("scale = 1;", "scale = 1;\n  area(): string {\n    return \"\";\n  }") }, errors: ["src/tools.ts:16"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: CLASSES }, errors: [] },
    ],
  },
  {
    name: "enum-member",
    start: { [ENTRY]: ENUM },
    edits: [
      { does: "High removed", files: { [ENTRY]: ENUM.replace("  High,\n", "") }, errors: ["src/tools.ts:7"], checks: WHOLE },
      { does: "High back, with a value (the emitted enum changes)", files: { [ENTRY]: ENUM.replace("  High,\n", "  High = 5,\n") }, errors: [], checks: WHOLE },
    ],
  },
  {
    name: "used-before-declaration",
    start: { [ENTRY]: ORDERED },
    edits: [
      { does: "base moved below its use", files: { [ENTRY]: ORDERED.replace("const base = 10;\n\nconst start = base * 2;\n", "const start = base * 2;\n\nconst base = 10;\n") }, errors: ["src/tools.ts:1", "src/tools.ts:1"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: ORDERED }, errors: [] },
    ],
  },
  {
    name: "caller-breaks-and-renames",
    start: { [ENTRY]: CALLER_SMALL },
    edits: [
      { does: "format takes a number: the unchanged caller breaks", files: { [ENTRY]: CALLER_SMALL.replace("value: string): string", "value: number): string").replace("value.trim()", "String(value)") }, errors: ["src/tools.ts:8"], checks: PART },
      { does: "back", files: { [ENTRY]: CALLER_SMALL }, errors: [] },
      { does: "format renamed: the caller names what the old statement declared", files: { [ENTRY]: CALLER_SMALL.replace("export function format(", "export function formatted(") }, errors: ["src/tools.ts:8"], checks: PART },
      { does: "back", files: { [ENTRY]: CALLER_SMALL }, errors: [] },
    ],
  },
  {
    name: "type-through-names-only",
    start: { [ENTRY]: CHAIN },
    edits: [
      { does: "make's inferred type loses size, seen through made and again", files: { [ENTRY]: CHAIN.replace("return { size: 1 };", "return { length: 1 };") }, errors: ["src/tools.ts:9"], checks: PART },
      { does: "back", files: { [ENTRY]: CHAIN }, errors: [] },
    ],
  },
  {
    name: "same-name-declarations",
    start: { [ENTRY]: toolsUsing("lib", "measure"), "src/lib.ts": SAME_NAME },
    edits: [
      { does: "the second half of the interface now disagrees with the first", files: { "src/lib.ts": SAME_NAME.replace("  height: number;", "  height: number;\n  width: string;") }, errors: ["src/lib.ts:6"], checks: PART },
      { does: "back", files: { "src/lib.ts": SAME_NAME }, errors: [] },
      { does: "one overload no longer fits the implementation", files: { "src/lib.ts": SAME_NAME.replace("function pick(a: number): number;", "function pick(a: boolean): number;") }, errors: ["src/lib.ts:8", "src/lib.ts:15"], checks: PART },
      { does: "back", files: { "src/lib.ts": SAME_NAME }, errors: [] },
      { does: "a second implementation: the error lands on the old one too", files: { "src/lib.ts": `${SAME_NAME}function measure2(): void {}\nfunction measure2(): void {}\n` }, errors: ["src/lib.ts:37", "src/lib.ts:38"] },
      { does: "back", files: { "src/lib.ts": SAME_NAME }, errors: [] },
      { does: "a function exported under a name the export list already uses", files: { "src/lib.ts": `${SAME_NAME}export function chosen(): number {\n  return 1;\n}\n` }, errors: ["src/lib.ts:12", "src/lib.ts:12", "src/lib.ts:37"], checks: WHOLE },
      { does: "back", files: { "src/lib.ts": SAME_NAME }, errors: [] },
    ],
  },
  {
    name: "four-files",
    start: { [ENTRY]: TOOLS_QR, "src/p.ts": P_SCALE, "src/q.ts": Q_DOUBLES, "src/r.ts": R_LABEL },
    edits: [
      { does: "p's scale takes a string: q (unchanged) breaks, and the tool file importing q is checked again too", files: { "src/p.ts": P_SCALE.replace("value: number", "value: string").replace("value * 2", "value.length") }, errors: ["src/q.ts:4"], checks: { partial: 0, kept: 1 } },
      { does: "r gets an error of its own: q, untouched since, still reports its error", files: { "src/r.ts": `export const label: string = 3;\n` }, errors: ["src/q.ts:4", "src/r.ts:1"], checks: { partial: 0, kept: 2 } },
      { does: "r fixed", files: { "src/r.ts": R_LABEL }, errors: ["src/q.ts:4"], checks: { partial: 0, kept: 2 } },
      { does: "p back", files: { "src/p.ts": P_SCALE }, errors: [], checks: { partial: 0, kept: 1 } },
    ],
  },
  {
    name: "error-in-unchanged-file",
    start: { [ENTRY]: toolsUsing("b", "doubled"), "src/a.ts": A_SCALE, "src/b.ts": B_DOUBLES },
    edits: [
      { does: "a's scale takes a string: b's call breaks", files: { "src/a.ts": A_SCALE.replace("value: number", "value: string").replace("value * 2", "value.length") }, errors: ["src/b.ts:4"], checks: WHOLE },
      { does: "b passes a string", files: { "src/b.ts": B_DOUBLES.replace("scale(2)", 'scale("2")') }, errors: [], checks: { partial: 0, kept: 1 } },
      { does: "a back: b's call breaks again", files: { "src/a.ts": A_SCALE }, errors: ["src/b.ts:4"], checks: WHOLE },
      { does: "b back", files: { "src/b.ts": B_DOUBLES }, errors: [], checks: { partial: 0, kept: 1 } },
    ],
  },
  {
    name: "three-files",
    start: { [ENTRY]: toolsUsing("c", "top"), "src/a.ts": A_BASE, "src/b.ts": B_MID, "src/c.ts": C_TOP },
    edits: [
      { does: "a's base returns a string: c's arithmetic breaks, b's does not", files: { "src/a.ts": A_BASE.replace("return 1;", 'return "1";') }, errors: ["src/c.ts:4"], checks: WHOLE },
      { does: "a's base returns an object: b breaks as well", files: { "src/a.ts": A_BASE.replace("return 1;", "return { one: 1 };") }, errors: ["src/b.ts:4"], checks: WHOLE },
      { does: "back", files: { "src/a.ts": A_BASE }, errors: [] },
    ],
  },
  {
    name: "untouched-file-keeps-its-error",
    start: { [ENTRY]: TOOLS_XY, "src/x.ts": X_LABEL, "src/y.ts": Y_COUNT },
    edits: [
      { does: "x gets an error", files: { "src/x.ts": `export const label: string = 3;\n` }, errors: ["src/x.ts:1"], checks: { partial: 0, kept: 1 } },
      { does: "y edited: x's error stays", files: { "src/y.ts": `export const count: number = 2;\n` }, errors: ["src/x.ts:1"], checks: { partial: 0, kept: 1 } },
      { does: "y gets an error of its own", files: { "src/y.ts": `export const count: number = "2";\n` }, errors: ["src/x.ts:1", "src/y.ts:1"], checks: { partial: 0, kept: 1 } },
      { does: "x fixed: y's error stays", files: { "src/x.ts": X_LABEL }, errors: ["src/y.ts:1"], checks: { partial: 0, kept: 1 } },
      { does: "the tool file edited: y's error stays", files: { [ENTRY]: TOOLS_XY.replace("label + count", "label + String(count)") }, errors: ["src/y.ts:1"], checks: { partial: 1, kept: 2 } },
      { does: "y fixed", files: { "src/y.ts": Y_COUNT }, errors: [], checks: { partial: 0, kept: 1 } },
    ],
  },
  {
    name: "no-unused-locals",
    tsconfig: { compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, noUnusedLocals: true } },
    start: { [ENTRY]: UNUSED_TOOLS, "src/lib.ts": UNUSED_LIB },
    edits: [
      { does: "greet stops calling the imported helper", files: { [ENTRY]: UNUSED_TOOLS.replace("return helper() + local();", "return local();") }, errors: ["src/tools.ts:1"], checks: { partial: 0, kept: 1 } },
      { does: "greet stops calling the local too", files: { [ENTRY]: UNUSED_TOOLS.replace("return helper() + local();", 'return "hi";') }, errors: ["src/tools.ts:1", "src/tools.ts:3"], checks: { partial: 0, kept: 1 } },
      { does: "back", files: { [ENTRY]: UNUSED_TOOLS }, errors: [] },
      { does: "the helper renamed in lib: the import breaks", files: { "src/lib.ts": UNUSED_LIB.replace("helper", "helping") }, errors: ["src/tools.ts:1"], checks: WHOLE },
      { does: "lib back", files: { "src/lib.ts": UNUSED_LIB }, errors: [] },
    ],
  },
  {
    name: "no-unused-parameters",
    tsconfig: { compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, noUnusedParameters: true } },
    start: { [ENTRY]: UNUSED_PARAMETERS },
    edits: [
      { does: "add stops reading b", files: { [ENTRY]: UNUSED_PARAMETERS.replace("return a + b;", "return a;") }, errors: ["src/tools.ts:1"], checks: WHOLE },
      { does: "the tool stops passing b on", files: { [ENTRY]: UNUSED_PARAMETERS.replace("return add(a, b);", "return add(a, a);") }, errors: ["src/tools.ts:6"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: UNUSED_PARAMETERS }, errors: [] },
    ],
  },
  {
    name: "unused-name-checked-whole",
    tsconfig: { compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", noUnusedLocals: true, types: [] } },
    start: { [ENTRY]: UNUSED_HELPER },
    edits: [{ does: "greet stops calling helper, which is now unused", files: { [ENTRY]: UNUSED_HELPER.replace("return helper();", 'return "hi";') }, errors: ["src/tools.ts:1"], checks: WHOLE }],
  },
  {
    name: "ts-expect-error-checked-whole",
    start: { [ENTRY]: EXPECTING },
    edits: [
      { does: "read now gives a number: the directive above the unchanged line has nothing left to expect", files: { [ENTRY]: EXPECTING.replace('function read(): string {\n  return "r";', "function read(): number {\n  return 1;") }, errors: ["src/tools.ts:4"], checks: WHOLE },
    ],
  },
  {
    name: "referenced-script",
    start: { [ENTRY]: USES_GLOBAL_BARE, "src/globals.ts": GLOBALS },
    edits: [
      { does: "the global function takes a number", files: { "src/globals.ts": GLOBALS.replace("text: string", "text: number") }, errors: ["src/tools.ts:5"], checks: WHOLE },
      { does: "back", files: { "src/globals.ts": GLOBALS }, errors: [] },
    ],
  },
  {
    name: "second-default-export",
    start: { [ENTRY]: toolsUsing("lib", "measure"), "src/lib.ts": DEFAULT_EXPORT },
    edits: [
      { does: "a second default export, which names nothing the first does", files: { "src/lib.ts": `${DEFAULT_EXPORT}export default function two(): number {\n  return 2;\n}\n` }, errors: ["src/lib.ts:4", "src/lib.ts:25"], checks: WHOLE },
    ],
  },
  {
    name: "global-script",
    start: { [ENTRY]: USES_GLOBAL, "src/globals.ts": GLOBALS },
    edits: [
      { does: "the global function takes a number", files: { "src/globals.ts": GLOBALS.replace("text: string", "text: number") }, errors: ["src/tools.ts:5"], checks: WHOLE },
      { does: "back", files: { "src/globals.ts": GLOBALS }, errors: [] },
      { does: "the script declares a global const", files: { "src/globals.ts": `${GLOBALS}declare const volume: number;\n` }, errors: [], checks: WHOLE },
      { does: "the tool file reads it, the script unchanged", files: { [ENTRY]: USES_GLOBAL.replace("return shout(text);", "return shout(text) + volume.toFixed(1);") }, errors: [], checks: { partial: 1, kept: 1 } },
      { does: "the global const becomes a string: the unchanged tool file breaks", files: { "src/globals.ts": `${GLOBALS}declare const volume: string;\n` }, errors: ["src/tools.ts:5"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: USES_GLOBAL, "src/globals.ts": GLOBALS }, errors: [] },
    ],
  },
  {
    name: "declare-global",
    start: { [ENTRY]: USES_AUGMENTED, "src/augment.ts": AUGMENTS_GLOBAL },
    edits: [
      { does: "the augmented global takes a number", files: { "src/augment.ts": AUGMENTS_GLOBAL.replace("text: string", "text: number") }, errors: ["src/tools.ts:5"], checks: WHOLE },
      { does: "back", files: { "src/augment.ts": AUGMENTS_GLOBAL }, errors: [] },
    ],
  },
  {
    name: "module-augmentation",
    start: { [ENTRY]: AUGMENTS_MODULE, "src/lib.ts": OPTIONS_LIB },
    edits: [
      { does: "the augmentation makes extra required: lib, which does not import the tool file, breaks", files: { [ENTRY]: AUGMENTS_MODULE.replace("extra?: string;", "extra: string;") }, errors: ["src/lib.ts:5"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: AUGMENTS_MODULE }, errors: [] },
    ],
  },
  {
    name: "export-list",
    start: { [ENTRY]: toolsUsing("lib", "chosen"), "src/lib.ts": EXPORT_LIST },
    edits: [
      { does: "an exported function named like the list's alias", files: { "src/lib.ts": `${EXPORT_LIST}\nexport function chosen(): number {\n  return 3;\n}\n` }, errors: ["src/lib.ts:5", "src/lib.ts:5", "src/lib.ts:36"], checks: WHOLE },
      { does: "back", files: { "src/lib.ts": EXPORT_LIST }, errors: [] },
      { does: "the list's alias now clashes with an unchanged export", files: { "src/lib.ts": EXPORT_LIST.replace("export { pick as chosen };", "export { pick as chosen, pick as other };") }, errors: ["src/lib.ts:5", "src/lib.ts:5", "src/lib.ts:7"], checks: WHOLE },
      { does: "back", files: { "src/lib.ts": EXPORT_LIST }, errors: [] },
    ],
  },
  {
    name: "jsdoc-only",
    start: { [ENTRY]: DOCUMENTED },
    edits: [
      { does: "the description and a parameter's doc reworded", files: { [ENTRY]: DOCUMENTED.replace("Finds things.", "Finds things fast.").replace("What to look for.", "The words to look for.") }, errors: [], checks: PART },
      { does: "a constraint tag added", files: { [ENTRY]: DOCUMENTED.replace("What to look for.", "What to look for.\n * @param limit How many. @minimum 1") }, errors: [], checks: PART },
      { does: "a spare tool's doc reworded", files: { [ENTRY]: DOCUMENTED.replace("/** Gives 3. */", "/** Gives three. */") }, errors: [] },
    ],
  },
  {
    name: "syntax-error",
    start: { [ENTRY]: CALLER },
    edits: [
      { does: "an unclosed parameter list", files: { [ENTRY]: CALLER.replace("export function use(): string {", "export function use(: string {") }, errors: ["src/tools.ts:7", "src/tools.ts:7", "src/tools.ts:8", "src/tools.ts:8", "src/tools.ts:9"], checks: WHOLE },
      { does: "fixed another way (the caller renamed)", files: { [ENTRY]: CALLER.replace("export function use(): string {", "export function used(): string {") }, errors: [], checks: WHOLE },
    ],
  },
  {
    name: "body-only",
    start: { [ENTRY]: BODY },
    edits: [
      { does: "a wrong type inside the body", files: { [ENTRY]: BODY.replace("const count = text.length;", 'const count: number = text;') }, errors: ["src/tools.ts:3"], checks: PART },
      { does: "fixed with another body", files: { [ENTRY]: BODY.replace("const count = text.length;", "const count = text.split(\" \").length;") }, errors: [], checks: WHOLE },
    ],
  },
  {
    name: "typeof-parameter",
    start: { [ENTRY]: TYPE_QUERY },
    edits: [
      { does: "lookup's id becomes a number: the tool's schema follows", files: { [ENTRY]: TYPE_QUERY.replace("lookup(id: string,", "lookup(id: number,") }, errors: [], checks: PART },
      { does: "lookup's id becomes an object", files: { [ENTRY]: TYPE_QUERY.replace("lookup(id: string,", "lookup(id: { key: string },").replace("String(id)", "id.key") }, errors: [], checks: PART },
      { does: "lookup's id becomes a boolean, which the tool's body cannot turn into its string result", files: { [ENTRY]: TYPE_QUERY.replace("lookup(id: string,", "lookup(id: boolean,").replace("String(id) + depth", "id") }, errors: ["src/tools.ts:2"], checks: PART },
      { does: "back", files: { [ENTRY]: TYPE_QUERY }, errors: [] },
    ],
  },
  {
    name: "mcpc-diagnostics",
    start: { [ENTRY]: CALLER },
    edits: [
      { does: "a tool parameter without a type", files: { [ENTRY]: `/** Untyped. */\nexport function loose(value): string {\n  return String(value);\n}\n\n${CALLER}` }, errors: ["src/tools.ts:2"], checks: PART },
      { does: "typed, and another tool loses its description", files: { [ENTRY]: CALLER.replace("/** Uses format. */\n", "") }, errors: ["src/tools.ts:6"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: CALLER }, errors: [] },
    ],
  },
  {
    name: "mcpc-diagnostics-small-file",
    start: { [ENTRY]: CALLER_SMALL },
    edits: [
      { does: "a tool parameter without a type", files: { [ENTRY]: `/** Untyped. */\nexport function loose(value): string {\n  return String(value);\n}\n\n${CALLER_SMALL}` }, errors: ["src/tools.ts:2"], checks: PART },
      { does: "typed, and another tool loses its description", files: { [ENTRY]: CALLER_SMALL.replace("/** Uses format. */\n", "") }, errors: ["src/tools.ts:6"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: CALLER_SMALL }, errors: [] },
    ],
  },
  {
    name: "const-enum-across-files",
    start: { [ENTRY]: CONST_ENUM_TOOLS, "src/colors.ts": CONST_ENUM_LIB },
    edits: [
      { does: "Red's value changes: the unchanged tool file's inlined value follows", files: { "src/colors.ts": CONST_ENUM_LIB.replace("Red = 1", "Red = 7") }, errors: [], checks: WHOLE },
      { does: "Red removed", files: { "src/colors.ts": CONST_ENUM_LIB.replace("  Red = 1,\n", "") }, errors: ["src/tools.ts:5"], checks: WHOLE },
      { does: "back", files: { "src/colors.ts": CONST_ENUM_LIB }, errors: [] },
    ],
  },
  {
    name: "re-exported-type-becomes-value",
    start: { [ENTRY]: KIND_TOOLS, "src/kinds.ts": KIND_LIB, "src/mid.ts": KIND_MID },
    edits: [
      { does: "Kind becomes a class: the unchanged re-export now emits it", files: { "src/kinds.ts": KIND_LIB.replace("export interface Kind {\n  name: string;\n}", "export class Kind {\n  name = \"\";\n}") }, errors: [], checks: WHOLE },
      { does: "back to an interface", files: { "src/kinds.ts": KIND_LIB }, errors: [] },
    ],
  },
  {
    name: "tsconfig-edited",
    start: { [ENTRY]: MAYBE, "tsconfig.json": JSON.stringify({ compilerOptions: STRICT }) },
    edits: [
      { does: "noImplicitReturns turned on, no source edited", files: { "tsconfig.json": JSON.stringify({ compilerOptions: { ...STRICT, noImplicitReturns: true } }) }, errors: ["src/tools.ts:1"], checks: WHOLE },
      { does: "turned off again", files: { "tsconfig.json": JSON.stringify({ compilerOptions: STRICT }) }, errors: [] },
    ],
  },
  {
    name: "files-added-and-removed",
    start: { [ENTRY]: CALLER },
    edits: [
      { does: "the tool file imports a new module", files: { "src/extra.ts": `export function extra(): number {\n  return 1;\n}\n`, [ENTRY]: `import { extra } from "./extra.js";\n\n/** Extra. */\nexport function more(): number {\n  return extra();\n}\n\n${CALLER}` }, errors: [], checks: WHOLE },
      { does: "the module's function renamed", files: { "src/extra.ts": `export function extras(): number {\n  return 1;\n}\n` }, errors: ["src/tools.ts:1"], checks: WHOLE },
      { does: "the module removed, the import dropped", files: { "src/extra.ts": null, [ENTRY]: CALLER }, errors: [], checks: WHOLE },
    ],
  },
];

// Edits the partial check once missed (found by this test): a top-level statement that declares nothing
// changing the flow of those after it, and an import cycle back into the edited file.
const flowAndCycles: Scenario[] = [
  {
    name: "narrowing-by-assignment",
    start: { [ENTRY]: NARROWED },
    edits: [
      { does: "the assignment (which declares nothing) now narrows mode to a string", files: { [ENTRY]: NARROWED.replace("mode = 2;", 'mode = "b";') }, errors: ["src/tools.ts:5"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: NARROWED }, errors: [] },
    ],
  },
  {
    name: "unreachable-after-edit",
    tsconfig: { compilerOptions: { ...STRICT, allowUnreachableCode: false } },
    start: { [ENTRY]: UNREACHABLE },
    edits: [
      { does: "the guard becomes a plain throw (a statement declaring nothing): every unchanged statement after it is unreachable", files: { [ENTRY]: UNREACHABLE.replace('if (!ready) throw new Error("not ready");', 'throw new Error("not ready");') }, errors: ["src/tools.ts:5"], checks: WHOLE },
      { does: "back", files: { [ENTRY]: UNREACHABLE }, errors: [] },
    ],
  },
  {
    name: "import-cycle",
    start: { [ENTRY]: toolsUsing("a", "spare1"), "src/a.ts": CYCLE_A, "src/b.ts": CYCLE_B },
    edits: [
      { does: "a's base returns a string: a's own unchanged total breaks through b", files: { "src/a.ts": CYCLE_A.replace("return 1;", 'return "1";') }, errors: ["src/a.ts:7"], checks: WHOLE },
      { does: "back", files: { "src/a.ts": CYCLE_A }, errors: [] },
    ],
  },
];

describe("a watch session reports and emits what a cold build does, after every edit", () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      await expectSessionLikeCold(scenario);
    });
  }

  for (const scenario of flowAndCycles) {
    it(scenario.name, async () => {
      await expectSessionLikeCold(scenario);
    });
  }
});
