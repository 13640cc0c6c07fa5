#!/usr/bin/env node
// The code cache goes in before the compiler loads: its static imports pull in TypeScript.
import { enableCompileCache } from "../dist/compiler/typescript/compile-cache.js";

enableCompileCache();
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
