// The runtime's modules form layers: no import cycle, type-only imports
// included (a cycle of types is still a design where neither side can be
// read, built or tested without the other).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";

const RUNTIME = join(ROOT, "runtime");

function runtimeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return runtimeFiles(path);
    return /\.c?ts$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Each runtime file's relative imports (static, type-only, re-exports and dynamic), as runtime file paths. */
function importGraph(): Map<string, string[]> {
  const files = runtimeFiles(RUNTIME);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith("."))
      .map((name) => resolve(dirname(file), name).replace(/\.c?js$/, (ext) => (ext === ".cjs" ? ".cts" : ".ts")));
    graph.set(file, targets.filter((t) => known.has(t)));
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("runtime imports", () => {
  it("form no cycle", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(20);
    const named = cycles(graph).map((cycle) => cycle.map((f) => relative(RUNTIME, f)).join(" -> "));
    expect(named).toEqual([]);
  });

  it("would report a cycle (the check is not vacuous)", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
  });

  it("keep the core and the session free of method handlers", () => {
    const graph = importGraph();
    const importsOf = (name: string) => (graph.get(join(RUNTIME, "protocol", name)) ?? []).map((f) => relative(RUNTIME, f)).sort();
    expect(importsOf("core.ts")).toEqual(["context.ts", "definition.ts", "protocol/method-handler.ts", "protocol/session-options.ts"]);
    expect(importsOf("session.ts")).toEqual(["protocol/core.ts", "protocol/json-text.ts", "protocol/jsonrpc.ts", "protocol/method-handler.ts", "protocol/session-options.ts"]);
  });
});
