// Sample folders: `fixtures/<suite>/<case>/`, each one compilation with what it must produce.
//
//   <sources>               the TypeScript the case compiles (input.ts unless options.json names others)
//   options.json            optional; what to run (see SampleOptions); without it: analyze input.ts
//   expected.txt            the diagnostics, exactly as printed without --pretty (absent: none);
//                           for a `cli` case, the command's stderr and exit status
//   expected.json           for an analysis without errors: every tool's input and output schema
//   expected-manifest.json  for a build without errors: the manifest.json it writes
//   expected-server.js      optional, for a build: the server.js it writes
//
// test/compiler/fixtures.test.ts walks every suite; end-to-end tests (faults, revival, hostile) build or
// run the same folders through sampleOptions()/buildSample().
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildResult } from "../../compiler/index.js";
import { formatDiagnostic } from "../../compiler/index.js";
import { FIXTURES, OUT } from "./paths.js";

export interface SampleOptions {
  /** Entry files relative to the case folder; default ["input.ts"]. */
  entries: string[];
  /** Run a full build (into .out/samples/<suite>/<case> unless outDir says where). */
  build?: boolean;
  /** Build into this directory, relative to the case folder (for errors about the output). */
  outDir?: string;
  /**
   * Run the real CLI (`mcpc <cli…>`, no colours) instead of the compiler's API, in a copy of the case
   * folder under .out/samples/; expected.txt is its stderr and exit status. For what only the command
   * line reports (configuration, init, diff, build --check, check --clients).
   */
  cli?: string[];
  /** Only with `cli`: commands run first in the same copy, each of which must exit 0. */
  before?: string[][];
  /**
   * Only with `cli`: also shown in expected.txt, after the exit status: "stdout" (what the command
   * printed there) and files of the copy, relative to it (what a command such as init or config wrote).
   */
  show?: string[];
  /** Only with `cli`: environment variables for the commands. */
  env?: Record<string, string>;
  /** Compile options passed through to analyze/build (name, version, tsconfig, …). */
  compile?: Record<string, unknown>;
}

/** Suites are the folders of fixtures/ made of case folders (a single-file server fixture has none). */
export function suites(): string[] {
  return subfolders(FIXTURES).filter((suite) => subfolders(join(FIXTURES, suite)).length > 0);
}

/** Every folder of a suite is a case: a new one with only its source is run, and its expected files written. */
export function sampleCases(suite: string): string[] {
  return subfolders(join(FIXTURES, suite));
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function sampleDir(suite: string, name: string): string {
  return join(FIXTURES, suite, name);
}

export function sampleOptions(dir: string): SampleOptions {
  const file = join(dir, "options.json");
  const options = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<SampleOptions>) : {};
  return { ...options, entries: options.entries ?? ["input.ts"] };
}

/** Where a sample's build goes when its options name no outDir. */
export function sampleOutDir(dir: string): string {
  const options = sampleOptions(dir);
  if (options.outDir !== undefined) return join(dir, options.outDir);
  return join(OUT, "samples", dir.slice(FIXTURES.length + 1));
}

/** The diagnostics as expected.txt holds them: plain, with paths (also inside messages) relative to the case folder. */
export function diagnosticsText(diagnostics: BuildResult["diagnostics"], dir: string): string {
  return diagnostics
    .map((d) => formatDiagnostic(d, { cwd: dir, pretty: false, colors: false }))
    .join("\n")
    .split(`${dir}/`)
    .join("");
}

/** Builds a sample folder into a fresh directory and fails loudly on any error, for end-to-end tests. */
export async function buildSample(dir: string, outDir = sampleOutDir(dir)): Promise<BuildResult & { serverPath: string; outDir: string }> {
  const options = sampleOptions(dir);
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({ ...options.compile, entries: options.entries, cwd: dir, outDir });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(diagnosticsText(errors, dir));
  return { ...result, outDir, serverPath: join(outDir, "server.js") };
}
