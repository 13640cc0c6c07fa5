// The one runner of the sample folders (Svelte style): every `fixtures/<suite>/<case>/` is compiled
// as its options.json says, and what mcpc produces is compared with the expected files beside it
// (format: test/helpers/samples.ts). Run with UPDATE=1 to rewrite the expected files from what mcpc
// produces now (then review the diff); a missing expected file is written and the case fails once.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, build } from "../compiler/index.js";
import { CLI } from "./helpers/paths.js";
import { diagnosticsText, sampleCases, sampleDir, sampleOptions, sampleOutDir, suites } from "./helpers/samples.js";
import { schemasOf } from "./helpers/schema-fixtures.js";

const UPDATE = process.env.UPDATE === "1" || process.env.UPDATE === "true";

/** Compares with the expected file; `undefined` means the file must not exist (nothing was produced). */
function compare(file: string, actual: string | undefined): void {
  if (actual === undefined) {
    if (UPDATE) rmSync(file, { force: true });
    else expect(existsSync(file), `${file} expects output that was not produced`).toBe(false);
    return;
  }
  if (UPDATE || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`${file} did not exist; it was written now: review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const withNewline = (text: string) => (text === "" ? undefined : `${text}\n`);

/** The real CLI in the case folder: its stderr is the expected text, with the folder's path taken out. */
function runCliSample(dir: string, args: string[], status: number): void {
  const run = spawnSync(process.execPath, [CLI, ...args, "--no-pretty"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(status);
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  compare(join(dir, "expected.txt"), withNewline(run.stderr.split(`${dir}/`).join("").trimEnd()));
}

for (const suite of suites()) {
  describe(suite, () => {
    for (const name of sampleCases(suite)) {
      it(name, { timeout: 60_000 }, async () => {
        const dir = sampleDir(suite, name);
        const options = sampleOptions(dir);
        if (options.cli !== undefined) {
          runCliSample(dir, options.cli, options.status ?? 1);
          return;
        }
        const building = options.build === true || options.outDir !== undefined;
        const outDir = sampleOutDir(dir);
        if (building && options.outDir === undefined) rmSync(outDir, { recursive: true, force: true });
        // The compiler never throws: whatever the input, the answer is diagnostics.
        const result = building
          ? await build({ ...options.compile, entries: options.entries, cwd: dir, outDir })
          : analyze({ ...options.compile, entries: options.entries, cwd: dir });
        const text = diagnosticsText(result.diagnostics, dir);
        expect(text).not.toMatch(/MCPC9\d{3}/);
        compare(join(dir, "expected.txt"), withNewline(text));
        const failed = result.diagnostics.some((d) => d.severity === "error");
        if (!building) {
          compare(join(dir, "expected.json"), failed ? undefined : `${JSON.stringify(schemasOf(result.tools), null, 2)}\n`);
          return;
        }
        compare(join(dir, "expected-manifest.json"), failed ? undefined : readFileSync(join(outDir, "manifest.json"), "utf8"));
        // server.js is pinned only where a case asks for it (it changes with every runtime feature).
        const pinnedServer = join(dir, "expected-server.js");
        if (existsSync(pinnedServer)) compare(pinnedServer, failed ? undefined : readFileSync(join(outDir, "server.js"), "utf8"));
      });
    }
  });
}
