// TypeScript's compiler API, from the `typescript` package's public entry
// (its package.json `main`). Types come from `import type ts from "typescript"`
// in each module; the value is this one, loaded with require() rather than
// import: an ESM import of a CommonJS file makes Node scan its 9 MB for named
// exports on every run, where require() goes through the code cache
// (compile-cache.ts) and reads the file as one-byte text (ascii-require.ts).
import { createRequire } from "node:module";
import type ts from "typescript";
import { requireAsciiFile } from "./ascii-require.js";

const require = createRequire(import.meta.url);

export const typescript = requireAsciiFile(require.resolve("typescript"), require) as typeof ts;
