// Stack traces in the code the developer wrote: a frame in an emitted module
// with a source map beside it (app/*.js and app/*.js.map) names the .ts file
// and line instead. Frames are mapped when an error is logged, not as modules
// load (what node's --enable-source-maps does), so start-up pays nothing and
// a production server's logged traces point at the sources too.
import { readFileSync, statSync } from "node:fs";
import * as nodeModule from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** A larger map is not read: the frame stays as it is. */
const MAX_MAP_BYTES = 16 * 1024 * 1024;
/** Modules whose map (or its absence) is remembered; the oldest is forgotten first. */
const MAX_REMEMBERED = 256;

type SourceMap = InstanceType<typeof nodeModule.SourceMap>;

const maps = new Map<string, SourceMap | null>();

/**
 * Longer lines are not frames (a frame is a name and a path): they are left as
 * they are, so a message carrying a client's megabyte is not scanned by FRAME.
 */
const MAX_FRAME_LENGTH = 4096;
/** More frames than V8 records by default (Error.stackTraceLimit 10), fewer than a hostile stack could hold. */
const MAX_FRAMES = 100;

/** The end of a frame: `:line:column`, then `)` when the location is in parentheses. */
const POSITION = /:(\d+):(\d+)(\)?)$/;

/** The error's stack with its frames mapped to the sources, or the error as text when it has no stack. */
export function errorStack(error: unknown): string {
  const stack = (error as { stack?: unknown } | null | undefined)?.stack;
  if (typeof stack !== "string") return String(error);
  try {
    // The frames are the last lines (after a message that may hold anything, a client's input too):
    // only those are read, from the end, at most MAX_FRAMES of them; the rest is not even split.
    const frames: string[] = [];
    let end = stack.length;
    while (frames.length < MAX_FRAMES && end > 0) {
      const start = stack.lastIndexOf("\n", end - 1) + 1;
      const line = stack.slice(start, end);
      if (!/^\s+at /.test(line)) break;
      frames.push(mapFrame(line) ?? line);
      end = start - 1;
    }
    if (frames.length === 0) return stack;
    const head = end > 0 ? `${stack.slice(0, end)}\n` : "";
    return head + frames.reverse().join("\n");
  } catch {
    return stack;
  }
}

/** `    at fn (location:line:column)` or `    at location:line:column`, read in one pass (no backtracking). */
function mapFrame(line: string): string | undefined {
  if (line.length > MAX_FRAME_LENGTH) return undefined;
  const position = POSITION.exec(line);
  if (position === null) return undefined;
  const [, lineText, columnText, close] = position as unknown as [string, string, string, string];
  const at = line.indexOf("at ") + 3;
  const open = close === ")" ? line.indexOf(" (", at) : -1;
  if (close === ")" && open === -1) return undefined;
  const start = close === ")" ? open + 2 : at;
  const location = line.slice(start, position.index);
  if (!/\.[cm]?js$/.test(location)) return undefined;
  const path = location.startsWith("file:") ? fileURLToPath(location) : location.startsWith("/") || /^[A-Za-z]:\\/.test(location) ? location : undefined;
  if (path === undefined) return undefined;
  const map = mapOf(path);
  if (map === null) return undefined;
  const entry = map.findEntry(Number(lineText) - 1, Number(columnText) - 1) as Partial<nodeModule.SourceMapping>;
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
  // The map names its source relative to itself (the build writes no machine's absolute path).
  const source = new URL(entry.originalSource, pathToFileURL(`${path}.map`));
  const shown = source.protocol === "file:" ? fileURLToPath(source) : source.href;
  return `${line.slice(0, start)}${shown}:${entry.originalLine + 1}:${entry.originalColumn + 1}${close}`;
}

function mapOf(path: string): SourceMap | null {
  const known = maps.get(path);
  if (known !== undefined) return known;
  const map = readMap(`${path}.map`);
  if (maps.size >= MAX_REMEMBERED) maps.delete(maps.keys().next().value!);
  maps.set(path, map);
  return map;
}

function readMap(mapPath: string): SourceMap | null {
  // Runtimes other than Node (Bun, Deno, Workers) may lack the class: their traces stay as they are.
  if (typeof nodeModule.SourceMap !== "function") return null;
  try {
    if (statSync(mapPath).size > MAX_MAP_BYTES) return null;
    return new nodeModule.SourceMap(JSON.parse(readFileSync(mapPath, "utf8")));
  } catch {
    return null;
  }
}
