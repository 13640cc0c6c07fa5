// `mcpc build --watch` (and `mcpc dev`): rebuild when a source file changes.
// A BuildSession lives between builds: only changed files are parsed again,
// only changed schemas compiled again, only changed output files written. A failing build keeps the last good output
// on disk and the watcher running; the next save that fixes it rebuilds.
import { build, type BuildResult, type CompileOptions, isUserFile, type LoadedProject, newBuildSession } from "../compiler/index.js";
import { existsSync, watch, type FSWatcher } from "node:fs";
import { dirname, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { heapCollector } from "./idle-collection.js";

export interface WatchHooks {
  /** After every build, good or bad, with how long it took. */
  onBuild(result: BuildResult, ms: number): void | Promise<void>;
}

export interface Watcher {
  close(): void;
}

const SETTLE_MS = 80;

/**
 * V8's own tier-up budget (Node 20's V8, 11.3). bin/mcpc.js raises the budget so that a
 * one-shot check or build does not spend its CPU optimising code it runs a few times; a
 * watcher runs the same compiler code on every save, so after its first build it lets V8
 * optimise at the usual pace again.
 */
const V8_DEFAULT_INTERRUPT_BUDGET = 67584;

export async function watchBuild(options: CompileOptions, hooks: WatchHooks): Promise<Watcher> {
  const session = newBuildSession();
  const collectHeap = heapCollector();
  let watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let building = false;
  let again = false;
  let closed = false;

  const rebuild = async (): Promise<void> => {
    if (closed) return;
    if (building) {
      again = true;
      return;
    }
    building = true;
    try {
      const started = performance.now();
      const result = await build(options, true, session);
      await hooks.onBuild(result, Math.round(performance.now() - started));
      watchDirectories(directoriesOf(session.loaded, options));
      // After the report: the collection delays no build's result, only a save that lands during it (a few ms).
      collectHeap?.();
    } finally {
      building = false;
    }
    if (again) {
      again = false;
      await rebuild();
    }
  };

  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    // Editors save in several steps (truncate, write, rename): wait until they settle.
    timer = setTimeout(() => void rebuild(), SETTLE_MS);
  };

  /** One non-recursive watcher per directory holding a user source file (recursive watching is unreliable on Linux under Node 20). */
  const watchDirectories = (dirs: Set<string>): void => {
    if (closed) return;
    const next = new Map<string, FSWatcher>();
    for (const dir of dirs) {
      const existing = watchers.get(dir);
      if (existing !== undefined) {
        next.set(dir, existing);
        continue;
      }
      if (!existsSync(dir)) continue;
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name === null || /\.(c|m)?tsx?$|\.json$/.test(name.toString())) schedule();
        });
        watcher.on("error", () => undefined);
        next.set(dir, watcher);
      } catch {
        // A directory that vanished between listing and watching: the next build lists again.
      }
    }
    for (const [dir, watcher] of watchers) if (!next.has(dir)) watcher.close();
    watchers = next;
  };

  await rebuild();
  setFlagsFromString(`--interrupt-budget=${V8_DEFAULT_INTERRUPT_BUDGET}`);
  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

function directoriesOf(loaded: LoadedProject | undefined, options: CompileOptions): Set<string> {
  const cwd = options.cwd ?? process.cwd();
  const dirs = new Set<string>(options.entries.map((e) => dirname(resolve(cwd, e))));
  if (loaded === undefined) return dirs;
  for (const file of loaded.program.getSourceFiles()) if (isUserFile(file, loaded.program)) dirs.add(dirname(file.fileName));
  if (loaded.tsconfigPath !== undefined) dirs.add(dirname(loaded.tsconfigPath));
  return dirs;
}
