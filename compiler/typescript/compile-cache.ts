// V8's code cache for the compiler's large CommonJS bundles, kept on disk
// between runs. TypeScript alone is 9 MB of JavaScript: compiling it (and the
// functions it runs lazily) costs more than mcpc's own work on a small
// project (figures in BENCHMARKS.md). Node ≥ 22.1 has this built in
// (module.enableCompileCache, which tsc also calls); on older Node the few
// big files are compiled through vm.Script with V8's cached data.
//
// The cache is an optimisation only: any failure (unwritable directory,
// rejected data, a file owned by someone else) falls back to a plain compile.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off; NODE_COMPILE_CACHE names the directory.
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import vm from "node:vm";

/** Files below this size compile in a few milliseconds: caching them costs more than it saves. */
const MIN_CACHED_BYTES = 64 * 1024;

interface ModuleInternals {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}

interface ModuleStatics {
  enableCompileCache?: (directory?: string) => unknown;
  wrap(source: string): string;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  prototype: ModuleInternals;
}

export function enableCompileCache(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const dir = process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), `mcpc-compile-cache-${process.getuid?.() ?? "user"}`);
  if (!ownedPrivateDirectory(dir)) return;
  const statics = Module as unknown as ModuleStatics;
  if (typeof statics.enableCompileCache === "function") {
    try {
      statics.enableCompileCache(dir);
    } catch {
      // An unusable cache directory: compile as usual.
    }
    return;
  }
  installHook(statics, dir);
}

/**
 * Cached code is executed, so the directory must be ours alone: created
 * 0700, owned by this user, not a symlink, not writable by others.
 */
function ownedPrivateDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return false;
    if (process.getuid !== undefined && stat.uid !== process.getuid()) return false;
    return (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

interface Compiled {
  script: vm.Script;
  file: string;
  stale: string[];
}

function installHook(statics: ModuleStatics, dir: string): void {
  const original = statics.prototype._compile;
  const flags = `${process.execArgv.join(" ")}\0${process.env.NODE_OPTIONS ?? ""}`;
  const toSave: Compiled[] = [];
  statics.prototype._compile = function (this: ModuleInternals, content: string, filename: string) {
    if (content.length < MIN_CACHED_BYTES) return original.call(this, content, filename);
    // Named for the file's path, Node's flags (V8 rejects data made under
    // other flags: a separate entry each, rather than one rewritten by turns)
    // and the file's identity on disk.
    const prefix = `${basename(filename)}-${pathHash(`${filename}\0${flags}`)}-`;
    const file = join(dir, `${prefix}${fileIdentity(filename)}-${process.version}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(statics.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (cachedData === undefined || script.cachedDataRejected === true) {
      toSave.push({ script, file, stale: staleEntries(dir, prefix, file) });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(statics, this), this, filename, dirname(filename));
  };
  // Saved at exit, so the functions that ran (compiled lazily) are in the cache too.
  process.once("exit", () => {
    for (const entry of toSave) save(entry);
  });
}

/** FNV-1a: a short, stable name for a long text (a path may be longer than a file name may be). */
function pathHash(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/**
 * Which copy of the file this is. V8 checks only the source's length, so the
 * name must change with the content: any rewrite of the file (an upgrade, a
 * reinstall) gives it a new inode or change time, which no tool can set back
 * (npm does set modification times back, to 1985). Hashing the content
 * instead would read all of TypeScript on every run.
 */
function fileIdentity(filename: string): string {
  const stat = statSync(filename, { bigint: true });
  return `${stat.ino.toString(36)}.${stat.size.toString(36)}.${stat.ctimeNs.toString(36)}`;
}

function requireFor(statics: ModuleStatics, module: ModuleInternals): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: unknown) => statics._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  require.cache = statics._cache as NodeJS.Require["cache"];
  require.main = process.mainModule;
  return require;
}

/** Entries for the same file with another checksum: left by an upgrade, removed when the new one is written. */
function staleEntries(dir: string, prefix: string, current: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith(prefix))
      .map((name) => join(dir, name))
      .filter((path) => path !== current);
  } catch {
    return [];
  }
}

function save({ script, file, stale }: Compiled): void {
  try {
    writeWhole(file, script.createCachedData(), stale);
  } catch {
    // V8 could not serialise: no entry.
  }
}

/** Written beside its name and renamed into place, so a concurrent run reads a whole entry or none. */
function writeWhole(file: string, data: Buffer, stale: string[]): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, "w", 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    for (const path of stale) rmSync(path, { force: true });
  } catch {
    rmSync(temporary, { force: true });
  }
}
