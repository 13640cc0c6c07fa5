// `mcpc check` and `mcpc build --check` as CI runs them: the real CLI in a child process.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";
import { ROOT } from "../helpers/paths.js";

const GOOD = `/** Adds two numbers. */
export function add(a: number, b: number): number {
  return a + b;
}
`;
// Line 2, column 24: 'b' has no type annotation (MCPC1001).
const BAD = `/** Adds two numbers. */
export function add(a: number, b) {
  return a + b;
}
`;

const ESC = "\u001b[";

describe("mcpc check", () => {
  it("exits 0 on a clean project and says how many tools it checked", () => {
    const dir = tempProject("check-clean", { "src/tools.ts": GOOD });
    const run = runCli(["check", "src/tools.ts"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("1 tool(s) checked.");
    expect(run.stderr).toBe("");
  });

  it("--format json prints one JSON object per diagnostic on stdout and exits 1", () => {
    const dir = tempProject("check-json", { "src/tools.ts": BAD });
    const run = runCli(["check", "src/tools.ts", "--format", "json"], dir);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split("\n");
    const objects = lines.map((l) => JSON.parse(l));
    const missingType = objects.find((o) => o.code === "MCPC1001");
    expect(missingType).toMatchObject({ severity: "error", file: "src/tools.ts", line: 2, column: 32, message: expect.stringContaining("'b'") });
    expect(missingType.hint).toContain("Annotate");
    expect(run.stdout).not.toContain(ESC);
  });

  it("--format github prints Actions annotations", () => {
    const dir = tempProject("check-github", { "src/tools.ts": BAD });
    const run = runCli(["check", "src/tools.ts", "--format=github"], dir);
    expect(run.status).toBe(1);
    const line = run.stdout.split("\n").find((l) => l.includes("MCPC1001"))!;
    expect(line).toMatch(/^::error file=src\/tools\.ts,line=2,col=32,title=MCPC1001::MCPC1001 Parameter 'b' of tool 'add' has no type annotation\.%0Ahint: /);
    expect(line).not.toContain("\n");
  });

  it("--format pretty colours the output and draws a code frame; NO_COLOR keeps the frame and drops the colours", () => {
    const dir = tempProject("check-pretty", { "src/tools.ts": BAD });
    const coloured = runCli(["check", "src/tools.ts", "--format", "pretty"], dir);
    expect(coloured.status).toBe(1);
    expect(coloured.stderr).toContain(ESC);
    expect(coloured.stderr).toContain("export function add(a: number, b) {");
    expect(coloured.stderr).toMatch(/Found \d+ errors?/);
    const plain = runCli(["check", "src/tools.ts", "--format", "pretty"], dir, { NO_COLOR: "1" });
    expect(plain.status).toBe(1);
    expect(plain.stderr).not.toContain(ESC);
    expect(plain.stderr).toContain("export function add(a: number, b) {");
    expect(plain.stderr).toMatch(/\n\s+~/);
  });

  it("is plain (no colours, no frame) when stderr is not a terminal", () => {
    const dir = tempProject("check-plain", { "src/tools.ts": BAD });
    const run = runCli(["check", "src/tools.ts"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("src/tools.ts:2:32 - error MCPC1001:");
    expect(run.stderr).not.toContain(ESC);
    expect(run.stderr).not.toContain("export function add");
  });

  it("exits 2 on bad usage", () => {
    const dir = tempProject("check-usage", { "src/tools.ts": GOOD });
    for (const args of [["check", "--bogus"], ["check", "src/tools.ts", "--format", "xml"], ["check"], ["frobnicate"], ["check", "--clients", "netscape", "src/tools.ts"]]) {
      const run = runCli(args, dir);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(runCli(["check", "--format", "xml", "src/tools.ts"], dir).stderr).toContain("--format must be one of pretty, plain, json, github");
    expect(runCli(["check", "--format", "json"], dir).stdout).toContain('"code":"MCPC3006"');
  });
});

describe("mcpc build --check", () => {
  it("passes on fresh output and fails listing hand-edited, missing and extra files", () => {
    const dir = tempProject("build-check", { "src/tools.ts": GOOD });
    expect(runCli(["build", "src/tools.ts", "--out", "gen"], dir).status).toBe(0);
    const fresh = runCli(["build", "src/tools.ts", "--out", "gen", "--check"], dir);
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toContain("gen is up to date");

    appendFileSync(join(dir, "gen", "server.js"), "// hand edit\n");
    rmSync(join(dir, "gen", "manifest.json"));
    writeFileSync(join(dir, "gen", "notes.txt"), "mine");
    const stale = runCli(["build", "src/tools.ts", "--out", "gen", "--check", "--format", "json"], dir);
    expect(stale.status).toBe(1);
    const found = stale.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(found.map((d) => [d.code, d.file, d.message])).toEqual([
      ["MCPC3005", "gen/manifest.json", "'gen/manifest.json' would be emitted but is missing on disk."],
      ["MCPC3005", "gen/notes.txt", "'gen/notes.txt' is on disk but would not be emitted."],
      ["MCPC3005", "gen/server.js", "'gen/server.js' differs from what mcpc would emit."],
    ]);
    // --check wrote nothing.
    expect(readFileSync(join(dir, "gen", "server.js"), "utf8")).toContain("// hand edit");
  });

  it("fails when the source changed since the output was built", () => {
    const dir = tempProject("build-check-source", { "src/tools.ts": GOOD });
    expect(runCli(["build", "src/tools.ts"], dir).status).toBe(0);
    writeFileSync(join(dir, "src/tools.ts"), GOOD.replace("Adds two numbers.", "Adds two numbers together."));
    const run = runCli(["build", "src/tools.ts", "--check"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("'mcp-server/manifest.json' differs");
  });
});

describe("help and version", () => {
  it("--version prints package.json's version", () => {
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    expect(runCli(["--version"], ROOT).stdout.trim()).toBe(version);
  });

  it("every command has --help with examples", () => {
    const main = runCli(["--help"], ROOT);
    expect(main.status).toBe(0);
    const commands = [...main.stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(["build", "check"]));
    for (const command of commands) {
      const help = runCli([command, "--help"], ROOT);
      expect(help.status, command).toBe(0);
      expect(help.stdout, command).toContain(`Usage: mcpc ${command}`);
      expect(help.stdout, command).toMatch(/Examples:\n {2}mcpc /);
    }
  });
});
