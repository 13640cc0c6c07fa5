// The one runner of the sample folders (Svelte style): every `fixtures/<suite>/<case>/` is compiled
// as its options.json says, and what mcpc produces is compared with the expected files beside it
// (format: test/helpers/samples.ts). Run with UPDATE=1 to rewrite the expected files from what mcpc
// produces now (then review the diff); a missing expected file is written and the case fails once.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, build } from "../../compiler/index.js";
import { CLI } from "../helpers/paths.js";
import { diagnosticsText, sampleCases, sampleDir, sampleOptions, sampleOutDir, suites, type SampleOptions } from "../helpers/samples.js";
import { schemasOf } from "../helpers/schema-fixtures.js";
import { expectStandaloneEmitsAlike } from "../helpers/standalone-emit.js";

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

/**
 * The real CLI, in a copy of the case folder under .out/ (a command such as init or build must never
 * write into fixtures/): the `before` commands must succeed, then `cli`'s stderr, with the folder's
 * path taken out, and its exit status are the expected text.
 */
function runCliSample(dir: string, options: SampleOptions): void {
  const work = sampleOutDir(dir);
  rmSync(work, { recursive: true, force: true });
  cpSync(dir, work, { recursive: true });
  for (const name of ["expected.txt", "options.json"]) rmSync(join(work, name), { force: true });
  const mcpc = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      cwd: work,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...options.env } as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
  for (const args of options.before ?? []) {
    const setup = mcpc(args);
    expect(setup.status, `mcpc ${args.join(" ")}: ${setup.stderr}`).toBe(0);
  }
  const run = mcpc(options.cli!);
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stderr).not.toMatch(/MCPC9\d{3}/);
  const relative = (text: string) => text.split(`${work}/`).join("").split(work).join(".").trimEnd();
  const stderr = relative(run.stderr);
  // What else the case shows: stdout, or files the command wrote, each under a heading.
  const shown = (options.show ?? []).map((what) => {
    const text = what === "stdout" ? run.stdout : existsSync(join(work, what)) ? readFileSync(join(work, what), "utf8") : "(missing)";
    return `\n--- ${what}\n${relative(text)}\n`;
  });
  compare(join(dir, "expected.txt"), `${stderr}\n${stderr === "" ? "" : "\n"}exit status ${run.status}\n${shown.join("")}`);
}

for (const suite of suites()) {
  describe(suite, () => {
    for (const name of sampleCases(suite)) {
      it(name, { timeout: 60_000 }, async () => {
        const dir = sampleDir(suite, name);
        const options = sampleOptions(dir);
        if (options.cli !== undefined) {
          runCliSample(dir, options);
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
        // What a suite is for: schemas are clean, diagnostics cases are refused.
        if (suite === "schemas") expect(text).toBe("");
        if (suite === "diagnostics") expect(text).not.toBe("");
        compare(join(dir, "expected.txt"), withNewline(text));
        const failed = result.diagnostics.some((d) => d.severity === "error");
        // A module emitted alone (as a watch rebuild does) must be what the whole program emits.
        if (!failed && result.loaded !== undefined) expectStandaloneEmitsAlike(result.loaded.program, `${suite}/${name}`);
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
