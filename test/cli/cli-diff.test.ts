// `mcpc diff`: a table of contract changes, each compiled from real TypeScript
// (old version built to a manifest, new version compiled from its entry).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { runCli, tempProject } from "../helpers/cli.js";

interface Row {
  change: string;
  before: string;
  after: string;
  /** The tool the change is reported on, its kind, and words of the message. */
  expected: Array<[tool: string, kind: "breaking" | "compatible", where: string, message: string]>;
}

const TABLE: Row[] = [
  { change: "tool removed", before: `/** Gone. */ export function gone(x: string): string { return x; }`, after: ``, expected: [["gone", "breaking", "", "tool removed"]] },
  {
    change: "tool renamed",
    before: `/** Renamed. */ export function old_name(renameMarker: string): string { return renameMarker; }`,
    after: `/** Renamed. */ export function new_name(renameMarker: string): string { return renameMarker; }`,
    expected: [["old_name", "breaking", "", "tool renamed to 'new_name'"]],
  },
  { change: "tool added", before: ``, after: `/** New. */ export function fresh(y: number): number { return y; }`, expected: [["fresh", "compatible", "", "tool added"]] },
  {
    change: "parameter made required",
    before: `/** R. */ export function make_required(a: string, b?: number): string { return a; }`,
    after: `/** R. */ export function make_required(a: string, b: number): string { return a; }`,
    expected: [["make_required", "breaking", "input b", "parameter is now required"]],
  },
  {
    change: "parameter made optional",
    before: `/** O. */ export function make_optional(a: string, b: number): string { return a; }`,
    after: `/** O. */ export function make_optional(a: string, b?: number): string { return a; }`,
    expected: [["make_optional", "compatible", "input b", "parameter is now optional"]],
  },
  {
    change: "required parameter added",
    before: `/** A. */ export function add_required(a: string): string { return a; }`,
    after: `/** A. */ export function add_required(a: string, c: boolean): string { return a; }`,
    expected: [["add_required", "breaking", "input c", "required parameter added"]],
  },
  {
    change: "optional parameter added",
    before: `/** A. */ export function add_optional(a: string): string { return a; }`,
    after: `/** A. */ export function add_optional(a: string, d?: number): string { return a; }`,
    expected: [["add_optional", "compatible", "input d", "optional parameter added"]],
  },
  {
    change: "parameter removed (closed object)",
    before: `/** P. */ export function drop_param(a: string, e: number): string { return a; }`,
    after: `/** P. */ export function drop_param(a: string): string { return a; }`,
    expected: [["drop_param", "breaking", "input e", "parameter removed"]],
  },
  {
    change: "type narrowed",
    before: `/** N. */ export function narrow(v: string | number): string { return String(v); }`,
    after: `/** N. */ export function narrow(v: string): string { return v; }`,
    expected: [["narrow", "breaking", "input v", "type narrowed from string | number to string"]],
  },
  {
    change: "type widened",
    before: `/** W. */ export function widen(v: string): string { return v; }`,
    after: `/** W. */ export function widen(v: string | number): string { return String(v); }`,
    expected: [["widen", "compatible", "input v", "type widened from string to string | number"]],
  },
  {
    change: "type changed",
    before: `/** C. */ export function retype(v: string): string { return v; }`,
    after: `/** C. */ export function retype(v: boolean): string { return String(v); }`,
    expected: [["retype", "breaking", "input v", "type changed from string to boolean"]],
  },
  {
    change: "enum value removed",
    before: `/** E. */ export function enum_removed(level: "low" | "mid" | "high"): string { return level; }`,
    after: `/** E. */ export function enum_removed(level: "low" | "high"): string { return level; }`,
    expected: [["enum_removed", "breaking", "input level", 'value "mid" removed']],
  },
  {
    change: "enum value added",
    before: `/** E. */ export function enum_added(level: "low" | "high"): string { return level; }`,
    after: `/** E. */ export function enum_added(level: "low" | "mid" | "high"): string { return level; }`,
    expected: [["enum_added", "compatible", "input level", 'value "mid" added']],
  },
  {
    change: "constraint tightened",
    before: `/** T. @param text what to keep @maxLength 100 */ export function tighten(/** @maxLength 100 */ text: string): string { return text; }`,
    after: `/** T. */ export function tighten(/** @maxLength 10 */ text: string): string { return text; }`,
    expected: [["tighten", "breaking", "input text", "maxLength changed (was 100): 10"]],
  },
  {
    change: "nested property made required",
    before: `interface Q { title: string; tag?: string }\n/** N. */ export function nested({ task }: { task: Q }): string { return task.title; }`,
    after: `interface Q2 { title: string; tag: string }\n/** N. */ export function nested({ task }: { task: Q2 }): string { return task.title; }`,
    expected: [["nested", "breaking", "input task.tag", "parameter is now required"]],
  },
  {
    change: "output field removed",
    before: `/** S. */ export function stats(): { count: number; total: number } { return { count: 1, total: 2 }; }`,
    after: `/** S. */ export function stats(): { count: number } { return { count: 1 }; }`,
    expected: [["stats", "breaking", "output total", "field removed"]],
  },
  {
    change: "output field added",
    before: `/** S. */ export function more_stats(): { count: number } { return { count: 1 }; }`,
    after: `/** S. */ export function more_stats(): { count: number; mean: number } { return { count: 1, mean: 1 }; }`,
    expected: [["more_stats", "compatible", "output mean", "field added"]],
  },
  {
    change: "description changed",
    before: `/** Says hello. */ export function greet(who: string): string { return who; }`,
    after: `/** Says hello politely. */ export function greet(who: string): string { return who; }`,
    expected: [["greet", "compatible", "", "description changed"]],
  },
  {
    change: "scope newly required",
    before: `/** Reads a note. */ export function read_note(id: string): string { return id; }`,
    after: `/**\n * Reads a note.\n * @scope notes:read\n */ export function read_note(id: string): string { return id; }`,
    expected: [["read_note", "breaking", "", "now requires scope 'notes:read'"]],
  },
  {
    change: "one more scope required",
    before: `/**\n * Deletes a note.\n * @scope notes:write\n */ export function delete_note(id: string): string { return id; }`,
    after: `/**\n * Deletes a note.\n * @scope notes:write notes:delete\n */ export function delete_note(id: string): string { return id; }`,
    expected: [["delete_note", "breaking", "", "now requires scope 'notes:delete'"]],
  },
  {
    change: "scope no longer required",
    before: `/**\n * Lists notes.\n * @scope notes:admin\n */ export function list_notes(): string { return ""; }`,
    after: `/** Lists notes. */ export function list_notes(): string { return ""; }`,
    expected: [["list_notes", "compatible", "", "no longer requires scope 'notes:admin'"]],
  },
  {
    change: "same scopes",
    before: `/**\n * Archives.\n * @scope notes:write\n */ export function archive(id: string): string { return id; }`,
    after: `/**\n * Archives.\n * @scope notes:write\n */ export function archive(id: string): string { return id; }`,
    expected: [],
  },
  {
    change: "nothing changed",
    before: `/** Same. */ export function same(z: string): string { return z; }`,
    after: `/** Same. */ export function same(z: string): string { return z; }`,
    expected: [],
  },
];

describe("mcpc diff", () => {
  it("classifies a table of contract changes (old manifest vs new entry)", () => {
    const dir = tempProject("diff-table", {
      "old/tools.ts": TABLE.map((r) => r.before).join("\n"),
      "new/tools.ts": TABLE.map((r) => r.after).join("\n"),
    });
    const built = runCli(["build", "old/tools.ts", "--out", "old-build"], dir);
    expect(built.status, built.stderr).toBe(0);
    const run = runCli(["diff", "old-build/manifest.json", "new/tools.ts", "--format", "json"], dir);
    expect(run.status, run.stderr).toBe(1);
    const changes = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as { tool: string; kind: string; where: string; message: string });
    for (const row of TABLE) {
      const tools = new Set(row.expected.map(([tool]) => tool));
      const names = new Set([...row.before.matchAll(/function (\w+)/g), ...row.after.matchAll(/function (\w+)/g)].map((m) => m[1]!));
      const got = changes.filter((c) => names.has(c.tool) || tools.has(c.tool));
      expect(
        got.map((c) => [c.tool, c.kind, c.where, c.message]),
        row.change,
      ).toEqual(row.expected.map(([tool, kind, where, message]) => [tool, kind, where, expect.stringContaining(message)]));
    }
    // Every reported change belongs to a row of the table.
    const covered = TABLE.reduce((n, r) => n + r.expected.length, 0);
    expect(changes).toHaveLength(covered);
  });

  it("exits 0 with only compatible changes, and prints a readable table", () => {
    const dir = tempProject("diff-compatible", {
      "old/tools.ts": `/** A. */ export function a(x: string): string { return x; }`,
      "new/tools.ts": `/** A. */ export function a(x: string, y?: number): string { return x; }\n/** B. */ export function b(): string { return ""; }`,
    });
    expect(runCli(["build", "old/tools.ts", "--out", "v1"], dir).status).toBe(0);
    expect(runCli(["build", "new/tools.ts", "--out", "v2"], dir).status).toBe(0);
    const run = runCli(["diff", "v1", "v2"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Contract changes from v1 to v2:");
    expect(run.stdout).toMatch(/compatible {2}a {2,}input y: optional parameter added/);
    expect(run.stdout).toMatch(/compatible {2}b {2,}tool added/);
    expect(run.stdout).toContain("0 breaking, 2 compatible");
    const same = runCli(["diff", "v1/manifest.json", "v1/manifest.json"], dir);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain("No contract changes");
  });

  it("reads the scopes of both manifests: a tool gaining a required scope is breaking", () => {
    const dir = tempProject("diff-scopes", {
      "old/tools.ts": `/** A. */ export function a(x: string): string { return x; }`,
      "new/tools.ts": `/**\n * A.\n * @scope files:read\n */ export function a(x: string): string { return x; }`,
    });
    expect(runCli(["build", "old/tools.ts", "--out", "v1"], dir).status).toBe(0);
    expect(runCli(["build", "new/tools.ts", "--out", "v2"], dir).status).toBe(0);
    const tighter = runCli(["diff", "v1", "v2"], dir);
    expect(tighter.status).toBe(1);
    expect(tighter.stdout).toMatch(/BREAKING {4}a {2,}now requires scope 'files:read': callers whose token lacks it are refused/);
    const looser = runCli(["diff", "v2", "v1"], dir);
    expect(looser.status).toBe(0);
    expect(looser.stdout).toMatch(/compatible {2}a {2,}no longer requires scope 'files:read'/);
    writeFileSync(join(dir, "bad-scopes.json"), JSON.stringify({ tools: [], scopes: { tools: { a: "files:read" } } }));
    const malformed = runCli(["diff", "bad-scopes.json", "v1"], dir);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('expected "scopes"');
  });

  it("exits 2 on a missing or malformed manifest", () => {
    const dir = tempProject("diff-bad", { "not-a-manifest.json": JSON.stringify({ hello: 1 }) });
    const missing = runCli(["diff", "nope.json", "nope2.json"], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("MCPC3007");
    expect(missing.stderr).toContain("no such file");
    const malformed = runCli(["diff", "not-a-manifest.json", "not-a-manifest.json"], dir);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('expected { "tools"');
    expect(runCli(["diff"], dir).status).toBe(2);
    writeFileSync(join(dir, "x.json"), "{");
    expect(runCli(["diff", "x.json", "x.json"], dir).status).toBe(2);
  });
});
