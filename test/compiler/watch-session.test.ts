// A watch session's rebuild reuses the specs of tools an edit cannot have
// changed (compiler/2-analyze/tool-reuse.ts): after every edit, what it
// emits must be what a cold build of the same sources emits, byte for byte,
// and the edits that may reach other tools must extract them again.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, newBuildSession, type BuildResult } from "../../compiler/index.js";
import { tempProject } from "../helpers/cli.js";
import { expectEmittedLikeCold } from "../helpers/session-vs-cold.js";

const TYPES = `export interface Address {
  /** @minLength 1 */
  street: string;
  city: string;
}
`;

const TOOLS = `import type { Address } from "./types.js";

export type Unit = "km" | "mi";

/** Finds things. */
export function find(/** @minLength 2 */ query: string, limit = 10, exact?: boolean): string[] {
  return [query, String(limit), String(exact)];
}

/** Ships to an address. */
export function ship(to: Address, unit: Unit): string {
  return to.city + unit;
}

/** Bills an address. */
export function bill(to: Address, amount: number): { total: number } {
  return { total: amount };
}

/** Greets. */
export function greet(name: string): string {
  return "hi " + name;
}
`;

const WITH_NOTE = TOOLS.replace("exact?: boolean)", "exact?: boolean, note?: string)");

async function rebuild(dir: string, session: ReturnType<typeof newBuildSession>): Promise<BuildResult> {
  return build({ entries: ["src/tools.ts"], cwd: dir, outDir: join(dir, "watched") }, true, session);
}

async function cold(dir: string): Promise<BuildResult> {
  return build({ entries: ["src/tools.ts"], cwd: dir, outDir: join(dir, "cold") }, false);
}

describe("a watch session's incremental rebuild", () => {
  it("emits what a cold build emits after each edit, extracting again only what the edit can reach", async () => {
    const dir = tempProject("watch-session", { "src/tools.ts": TOOLS, "src/types.ts": TYPES });
    const session = newBuildSession();
    const steps: { name: string; tools: string; types?: string; reused: number }[] = [
      // A parameter added to one function: the three others keep their specs.
      { name: "signature edit", tools: WITH_NOTE, reused: 3 },
      // Another function's body and description edited: it is extracted again, and the one before it
      // (TypeScript's incremental parse widens an edit to the node before it).
      { name: "body and doc edit", tools: WITH_NOTE.replace('"hi " + name', '"hello " + name').replace("/** Greets. */", "/** Greets warmly. */"), reused: 2 },
      // Two functions apart edited at once: the parse redoes the span between them, so those between are extracted again too.
      { name: "two edits apart", tools: TOOLS, reused: 0 },
      // (Each step edits the sources as the previous one left them.)
      // A type alias several tools use changed: a statement that is no function, so every tool again.
      { name: "shared alias edit", tools: TOOLS.replace('"km" | "mi"', '"km" | "mi" | "nm"'), reused: 0 },
      // The shared interface in another file changed: every tool again.
      { name: "shared interface edit", tools: TOOLS, types: TYPES.replace("city: string;", "/** @maxLength 40 */\n  city: string;"), reused: 0 },
      // A new function added at the end: it and the one before it are extracted, the others kept.
      { name: "function added", tools: `${TOOLS}\n/** Counts. */\nexport function count(items: string[]): number {\n  return items.length;\n}\n`, reused: 3 },
      // A type query makes a function's type reach others: every tool again.
      { name: "type query", tools: `${TOOLS}\n/** Echoes. */\nexport function echo(value: Parameters<typeof greet>[0]): string {\n  return value;\n}\n`, reused: 0 },
      { name: "back to the start", tools: TOOLS, types: TYPES, reused: 0 },
      { name: "return type edit", tools: TOOLS.replace("{ total: number }", "{ total: number; currency?: string }"), reused: 3 },
    ];
    const first = await rebuild(dir, session);
    expect(first.diagnostics).toEqual([]);
    for (const step of steps) {
      writeFileSync(join(dir, "src/tools.ts"), step.tools);
      if (step.types !== undefined) writeFileSync(join(dir, "src/types.ts"), step.types);
      const watched = await rebuild(dir, session);
      const fresh = await cold(dir);
      expect(watched.diagnostics, step.name).toEqual([]);
      expect(watched.analysis?.reusedTools, step.name).toBe(step.reused);
      expectEmittedLikeCold(watched, fresh, join(dir, "watched"), step.name);
    }
  });

  it("reports a failing tool where it now is when an edit above it moves it", async () => {
    const source = `/** Greets. */\nexport function greet(name: string): string {\n  return name;\n}\n\n/** Finds things. */\nexport function find(query): string[] {\n  return [query];\n}\n`;
    const dir = tempProject("watch-session-moved", { "src/tools.ts": source });
    const session = newBuildSession();
    const first = await rebuild(dir, session);
    expect(first.diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(["MCPC1001@7"]);
    writeFileSync(join(dir, "src/tools.ts"), source.replace("  return name;", "  const greeting = name;\n  return greeting;"));
    const watched = await rebuild(dir, session);
    expect(watched.diagnostics.map((d) => `${d.code}@${d.line}`)).toEqual(["MCPC1001@8"]);
    expect(watched.diagnostics).toEqual((await cold(dir)).diagnostics);
  });
});
