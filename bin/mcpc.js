#!/usr/bin/env node
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";

// The compiler's packages (typescript, prettier, ajv, esbuild, …) are optional dependencies, so that
// `npm i mcpc --omit=optional` installs the runtime alone: without them, say what to run.
const COMPILER_PACKAGES = /Cannot find (?:package|module) '(typescript|prettier|ajv|ajv-formats|fflate|esbuild|jsonc-parser)'/;

// A check or build is a short process that runs most of TypeScript's code only a few times:
// V8's optimizing compiler, at its default budget, spends more CPU on its background threads
// compiling that code than the optimized code saves before the process exits. A higher budget
// leaves it to the functions that stay hot. A watcher (`build --watch`, `dev`) runs the compiler on
// every save and sets V8's default back after its first build (cli/watch.ts).
setFlagsFromString("--interrupt-budget=1000000");

try {
  // The code cache goes in before the compiler loads: its static imports pull in TypeScript.
  const { enableCompileCache } = await import("../dist/compiler/typescript/compile-cache.js");
  enableCompileCache();
  const { main } = await loadCli();
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const code = error instanceof Error ? error.code : undefined;
  const missing = (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && COMPILER_PACKAGES.exec(error.message);
  if (!missing) throw error;
  process.stderr.write(
    `error: mcpc's compiler needs the package '${missing[1]}', which this install left out (--omit=optional?).\n` +
      `  hint: Install mcpc with its optional dependencies: npm i -D mcpc (the runtime alone cannot build).\n`,
  );
  process.exitCode = 1;
}

/**
 * dist/cli/main.js and what it imports, from the one-file bundle that `npm run build` writes
 * (scripts/bundle-cli.js) when there is one at least as new as the modules it was made of;
 * otherwise module by module (a bare `tsc` rebuild, or no esbuild to bundle with).
 */
async function loadCli() {
  const bundle = new URL("../dist/mcpc-cli.cjs", import.meta.url);
  const bundled = statSync(bundle, { throwIfNoEntry: false });
  const modules = statSync(new URL("../dist/cli/main.js", import.meta.url), { throwIfNoEntry: false });
  if (bundled !== undefined && !process.env.MCPC_NO_BUNDLE && (modules === undefined || bundled.mtimeMs >= modules.mtimeMs)) {
    return createRequire(import.meta.url)("../dist/mcpc-cli.cjs");
  }
  return import("../dist/cli/main.js");
}
