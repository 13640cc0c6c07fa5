// A watcher's garbage collection, done while it waits for the next save.
// A rebuild makes a new program and checker (megabytes of nodes, types and
// symbols), and the heap still holds the last build's: left to itself, V8
// collects while the next rebuild runs, a scavenge of ~10 MB of live young
// objects or a mark-compact of the old program, each several milliseconds
// to tens on the save-to-built path. Collected once a build has reported, the
// next rebuild starts with an empty young generation and the old program
// gone, and the heap stays flat however long the session runs.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A function that collects the whole heap, or undefined where this V8 offers
 * none. V8 hands its `gc` only to contexts made while --expose-gc is set: the
 * flag is set here and a context made to fetch it; it changes nothing else
 * (the user's server runs in processes of its own, never this one).
 */
export function heapCollector(): (() => void) | undefined {
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    return typeof gc === "function" ? () => void (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
