// The runtime logs stack traces in the user's .ts lines: the emitted app/
// modules carry source maps, and errorStack maps frames through them when an
// error is logged. Run in a plain node process (vitest would transform the
// modules it imports and report its own line numbers).
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { build } from "../../compiler/index.js";
import { errorStack } from "../../runtime/error-stack.js";
import { runCli, tempProject } from "../helpers/cli.js";

// `__dirname` makes the build put CommonJS shim lines above the code: the map must account for them.
const SOURCE = [
  '/// <reference path="./globals.d.ts" />', // 1
  "", // 2
  "export interface Reading {", // 3
  "  value: number;", // 4
  "}", // 5
  "", // 6
  "/** Fails, two calls deep. */", // 7
  "export function fails(): string {", // 8
  "  return inner({ value: 1 });", // 9
  "}", // 10
  "", // 11
  "function inner(reading: Reading): string {", // 12
  "  if (reading.value > 0) throw new Error(`no reading in ${__dirname.split(/[\\\\/]/).pop()}`);", // 13
  "  return 'never';", // 14
  "}", // 15
  "",
].join("\n");

/** Calls the emitted tool and prints [stack as thrown, stack as the runtime logs it, a non-Error as logged]. */
function run(outDir: string): [string, string, string] {
  const script = `
    const { errorStack } = await import(${JSON.stringify(pathToFileURL(join(outDir, "runtime/error-stack.js")).href)});
    const { fails } = await import(${JSON.stringify(pathToFileURL(join(outDir, "app/tools.js")).href)});
    let error; try { fails(); } catch (e) { error = e; }
    process.stdout.write(JSON.stringify([error.stack, errorStack(error), errorStack({ not: "an error" })]));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as [string, string, string];
}

describe("logged stack traces", () => {
  it("name the .ts line of each frame in the user's code, through the map beside each app/ module", async () => {
    // Node's global, declared as @types/node would.
    const dir = tempProject("error-stack", { "src/tools.ts": SOURCE, "src/globals.d.ts": "declare const __dirname: string;\n" });
    const outDir = join(dir, "out");
    const result = await build({ entries: [join(dir, "src/tools.ts")], cwd: dir, outDir });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);

    const [thrown, logged, nonError] = run(outDir);
    // As thrown, the frames point at the emitted JavaScript...
    expect(thrown).toMatch(/app\/tools\.js:\d+:\d+/);
    // ...as logged, at the source: the throw on line 13, its caller on line 9.
    const frames = logged.split("\n");
    expect(frames[0]).toBe("Error: no reading in app");
    expect(frames[1]).toMatch(/^\s+at inner \(.*[\\/]src[\\/]tools\.ts:13:\d+\)$/);
    expect(frames[2]).toMatch(/^\s+at (Module\.)?fails \(.*[\\/]src[\\/]tools\.ts:9:\d+\)$/);
    expect(logged).not.toContain("app/tools.js");
    expect(nonError).toBe("[object Object]");

    // Without its map a module's frames stay as they were.
    rmSync(join(outDir, "app/tools.js.map"));
    const [, unmapped] = run(outDir);
    expect(unmapped).toMatch(/app\/tools\.js:\d+:\d+/);
  });

  it("name the .ts lines in a --bundle'd server too, through server.js.map composed from the app/ modules' maps", () => {
    const dir = tempProject("error-stack-bundle", { "src/tools.ts": SOURCE, "src/globals.d.ts": "declare const __dirname: string;\n" });
    const built = runCli(["build", "src/tools.ts", "--out", "out", "--bundle"], dir);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const lines = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "test", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "fails", arguments: {} } },
    ];
    const served = spawnSync(process.execPath, [join(dir, "out", "server.js")], { input: lines.map((l) => JSON.stringify(l)).join("\n") + "\n", encoding: "utf8", timeout: 20_000 });
    // The client is told only that the tool failed; the server's log names the source lines.
    expect(served.stdout).toContain('"id":2');
    expect(served.stderr).toMatch(/^\s+at inner \(.*[\\/]src[\\/]tools\.ts:13:\d+\)$/m);
    expect(served.stderr).toMatch(/^\s+at (Module\.)?fails \(.*[\\/]src[\\/]tools\.ts:9:\d+\)$/m);
  });

  it("read only the frames at the end: a message full of frame lookalikes (a client's input) is left as it is, quickly", () => {
    // Each line makes a frame pattern backtrack over it: scanned, these 4,000 lines took seconds.
    const lookalike = `    at ${" (".repeat(1995)}`;
    const message = Array.from({ length: 4000 }, () => lookalike).join("\n");
    const stack = `Error: ${message}\n    at somewhere (file:///nowhere/app/x.js:1:1)`;
    const started = performance.now();
    const logged = errorStack({ stack });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(logged).toBe(stack);
  });
});
