// require() for a large CommonJS file that is plain ASCII, as TypeScript's
// 9 MB bundle is. Node reads a module as UTF-8 into a buffer of its own and
// then copies it into a string; reading the bytes and making a one-byte
// string of them spares that copy (figures in BENCHMARKS.md). The module is set up as
// require() would, so the code cache (compile-cache.ts, or Node's own on
// Node >= 22.1, both inside Module.prototype._compile) still applies.
import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import Module from "node:module";
import { dirname } from "node:path";

interface LoadableModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
  _compile(content: string, filename: string): unknown;
}

interface ModuleConstructor {
  new (id: string, parent?: unknown): LoadableModule;
  _cache: Record<string, LoadableModule | undefined>;
  _nodeModulePaths(from: string): string[];
}

/** `require(filename)` for an absolute path; any file that is not ASCII goes through require() itself. */
export function requireAsciiFile(filename: string, fallback: NodeJS.Require): unknown {
  const statics = Module as unknown as ModuleConstructor;
  const known = statics._cache[filename];
  if (known !== undefined) return known.exports;
  const bytes = readFileSync(filename);
  if (!isAscii(bytes)) return fallback(filename);
  const module = new statics(filename, undefined);
  module.filename = filename;
  module.paths = statics._nodeModulePaths(dirname(filename));
  statics._cache[filename] = module;
  try {
    module._compile(bytes.toString("latin1"), filename);
  } catch (error) {
    delete statics._cache[filename];
    throw error;
  }
  module.loaded = true;
  return module.exports;
}
