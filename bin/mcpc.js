#!/usr/bin/env node
// The compiler's packages (typescript, prettier, ajv, esbuild, …) are optional dependencies, so that
// `npm i mcpc --omit=optional` installs the runtime alone: without them, say what to run.
const COMPILER_PACKAGES = /Cannot find (?:package|module) '(typescript|prettier|ajv|ajv-formats|fflate|esbuild|jsonc-parser)'/;

try {
  // The code cache goes in before the compiler loads: its static imports pull in TypeScript.
  const { enableCompileCache } = await import("../dist/compiler/typescript/compile-cache.js");
  enableCompileCache();
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const missing = error instanceof Error && error.code === "ERR_MODULE_NOT_FOUND" && COMPILER_PACKAGES.exec(error.message);
  if (!missing) throw error;
  process.stderr.write(
    `error: mcpc's compiler needs the package '${missing[1]}', which this install left out (--omit=optional?).\n` +
      `  hint: Install mcpc with its optional dependencies: npm i -D mcpc (the runtime alone cannot build).\n`,
  );
  process.exitCode = 1;
}
