import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CLI, OUT } from "./paths.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (`node bin/mcpc.js …`) as a child process. */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const TSCONFIG = JSON.stringify({
  compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true },
});

/**
 * A fresh project directory inside the checkout (`.out/tmp-<name>`), so the
 * user's `import "mcpc/runtime"` finds its types in this checkout.
 */
export function tempProject(name: string, files: Record<string, string>): string {
  const dir = join(OUT, `tmp-${name}`);
  rmSync(dir, { recursive: true, force: true });
  const all: Record<string, string> = { "tsconfig.json": TSCONFIG, "package.json": JSON.stringify({ name, version: "1.2.3", type: "module" }), ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
