// The compiler keeps V8's code cache for TypeScript on disk between runs
// (compiler/typescript/compile-cache.ts). A cache must never change a result, must
// survive being corrupted, and must not execute what someone else wrote.
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";
import { OUT } from "../helpers/paths.js";

const TOOLS = `/** Adds two numbers. */
export function add(a: number, b: number): number {
  return a + b;
}
`;

function freshCacheDir(name: string): string {
  const dir = join(OUT, `compile-cache-${name}`);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

const entries = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith(".v8"));

describe("the compiler's code cache", () => {
  it("is written on the first run, private to the user, and read on the next with the same result", () => {
    const project = tempProject("compile-cache", { "src/tools.ts": TOOLS });
    const cache = freshCacheDir("fresh");
    const env = { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: undefined };
    const first = runCli(["check", "src/tools.ts"], project, env);
    expect(first.status).toBe(0);
    const written = entries(cache);
    // TypeScript's bundle at least: it is the file worth caching.
    expect(written.some((name) => name.startsWith("typescript.js-"))).toBe(true);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    for (const name of written) expect(statSync(join(cache, name)).mode & 0o777).toBe(0o600);
    const stamps = written.map((name) => statSync(join(cache, name)).mtimeMs);

    const second = runCli(["check", "src/tools.ts"], project, env);
    expect(second).toEqual(first);
    // Accepted, so not written again.
    expect(entries(cache).map((name) => statSync(join(cache, name)).mtimeMs)).toEqual(stamps);
  });

  it("recovers from corrupted entries: the run succeeds and the entries are rewritten", () => {
    const project = tempProject("compile-cache-corrupt", { "src/tools.ts": TOOLS });
    const cache = freshCacheDir("corrupt");
    const env = { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: undefined };
    const clean = runCli(["check", "src/tools.ts"], project, env);
    const [entry] = entries(cache).filter((name) => name.startsWith("typescript.js-"));
    writeFileSync(join(cache, entry!), Buffer.alloc(4096, 7));
    const again = runCli(["check", "src/tools.ts"], project, env);
    expect(again).toEqual(clean);
    expect(statSync(join(cache, entry!)).size).toBeGreaterThan(100_000);
  });

  it("is not used from a directory others can write to", () => {
    const project = tempProject("compile-cache-shared", { "src/tools.ts": TOOLS });
    const cache = freshCacheDir("shared");
    mkdirSync(cache, { recursive: true });
    chmodSync(cache, 0o777);
    const run = runCli(["check", "src/tools.ts"], project, { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: undefined });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("1 tool(s) checked.");
    expect(entries(cache)).toEqual([]);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE", () => {
    const project = tempProject("compile-cache-off", { "src/tools.ts": TOOLS });
    const cache = freshCacheDir("off");
    const run = runCli(["check", "src/tools.ts"], project, { NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(run.status).toBe(0);
    expect(() => readdirSync(cache)).toThrow();
  });
});
