// A read-only file server: read, list and search files under one allowed root
// (FILES_ROOT, default: the directory the server starts in). Paths that
// escape the root (../, absolute paths, symlinks pointing out) are refused.
// Only regular files are opened, and never more of one than is asked for.
import { constants } from "node:fs";
import { open, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { ToolError, type Context } from "mcpc/runtime";

const ROOT = resolve(process.env.FILES_ROOT ?? process.cwd());
/** search_files looks at most at this much of each file. */
const SEARCH_BYTES_PER_FILE = 1_000_000;

/** Resolves a path the model gave to a real path inside the root, or refuses. */
async function insideRoot(path: string): Promise<string> {
  if (isAbsolute(path)) throw new ToolError(`'${path}' is absolute; give a path relative to the root, such as 'notes/todo.txt'.`);
  const wanted = resolve(ROOT, path);
  let real: string;
  try {
    real = await realpath(wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ToolError(`There is no file or directory '${path}' under the root. Use list_directory to see what exists.`);
    throw error;
  }
  const rootReal = await realpath(ROOT);
  // Outside means a first segment of '..', not a name that starts with dots ('..notes.txt' is inside).
  const rel = relative(rootReal, real);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new ToolError(`'${path}' is outside the allowed root; only files under it can be read.`);
  return real;
}

function display(real: string, rootReal: string): string {
  return relative(rootReal, real).split(sep).join("/") || ".";
}

/** Thrown for anything but a regular file: directories, FIFOs, sockets, devices. */
class NotAFile extends Error {
  constructor(readonly isDirectory: boolean) {
    super("not a regular file");
  }
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer,
// holding one of libuv's four threads for good; a few such calls wedge every
// file operation of the server. O_NOFOLLOW: the path was resolved by realpath,
// so a symbolic link here was put in since, and is not followed.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads at most `maxBytes` from the start of a regular file, whatever its
 * size, checking the type on the opened handle (so nothing can be swapped in
 * between the check and the read).
 */
async function readPrefix(real: string, maxBytes: number): Promise<{ bytes: Buffer; size: number }> {
  const handle = await open(real, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotAFile(info.isDirectory());
    const buffer = Buffer.alloc(Math.min(maxBytes, info.size));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break; // the file shrank meanwhile
      filled += bytesRead;
    }
    return { bytes: buffer.subarray(0, filled), size: info.size };
  } finally {
    await handle.close();
  }
}

/**
 * UTF-8 text of the bytes, or undefined if they are not UTF-8. When the bytes
 * are a prefix cut from a longer file, a character split by the cut is left
 * out rather than taken for invalid UTF-8.
 */
function decodeUtf8(bytes: Uint8Array, cut: boolean): string | undefined {
  try {
    // A fresh decoder each time: in streaming mode it keeps the split character's bytes.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: cut });
  } catch {
    return undefined;
  }
}

/**
 * Read a text file (UTF-8) under the root.
 * @param path The file, relative to the root, e.g. 'docs/readme.md'.
 * @param maxBytes Read at most this many bytes.
 */
export async function read_file(path: string, /** @integer @minimum 1 @maximum 4000000 */ maxBytes: number = 100_000): Promise<string> {
  const real = await insideRoot(path);
  let read: { bytes: Buffer; size: number };
  try {
    read = await readPrefix(real, maxBytes);
  } catch (error) {
    if (error instanceof NotAFile) {
      throw new ToolError(error.isDirectory ? `'${path}' is a directory; use list_directory to see its contents.` : `'${path}' is not a regular file (a pipe, socket or device); only files can be read.`);
    }
    throw error;
  }
  const { bytes, size } = read;
  if (bytes.includes(0)) throw new ToolError(`'${path}' is a binary file (${size} bytes); only UTF-8 text can be read.`);
  const truncated = size > bytes.length;
  const text = decodeUtf8(bytes, truncated);
  if (text === undefined) throw new ToolError(`'${path}' is not valid UTF-8 text; only UTF-8 text can be read.`);
  return truncated ? `${text}\n[truncated: ${size} bytes in all]` : text;
}

export interface Entry {
  name: string;
  type: "file" | "directory";
  /** Size in bytes, for files. */
  size?: number;
}

/**
 * List a directory under the root.
 * @param path The directory, relative to the root ('.' for the root itself).
 */
export async function list_directory(path: string = "."): Promise<{ path: string; entries: Entry[] }> {
  const real = await insideRoot(path);
  if (!(await stat(real)).isDirectory()) throw new ToolError(`'${path}' is a file, not a directory; use read_file to read it.`);
  const entries: Entry[] = [];
  for (const dirent of await readdir(real, { withFileTypes: true })) {
    if (dirent.isDirectory()) entries.push({ name: dirent.name, type: "directory" });
    else if (dirent.isFile()) entries.push({ name: dirent.name, type: "file", size: (await stat(join(real, dirent.name))).size });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { path: display(real, await realpath(ROOT)), entries };
}

export interface Match {
  path: string;
  line: number;
  text: string;
}

/**
 * Search text files under a directory for a string (case-insensitive), in the first 1 MB of each file.
 * @param query The text to look for.
 * @param path Where to search, relative to the root.
 * @param maxResults Stop after this many matching lines.
 */
export async function search_files(
  /** @minLength 1 */ query: string,
  path: string = ".",
  /** @integer @minimum 1 @maximum 500 */ maxResults: number = 50,
  ctx: Context,
): Promise<{ matches: Match[]; truncated: boolean }> {
  const start = await insideRoot(path);
  const rootReal = await realpath(ROOT);
  const needle = query.toLowerCase();
  const matches: Match[] = [];
  const walk = async (dir: string): Promise<boolean> => {
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      if (ctx.signal.aborted) return false;
      const full = join(dir, dirent.name);
      if (dirent.isDirectory()) {
        if (!(await walk(full))) return false;
        continue;
      }
      if (!dirent.isFile()) continue;
      let read: { bytes: Buffer; size: number };
      try {
        read = await readPrefix(full, SEARCH_BYTES_PER_FILE);
      } catch (error) {
        if (error instanceof NotAFile || (error as NodeJS.ErrnoException).code === "ELOOP") continue; // replaced since it was listed
        throw error;
      }
      if (read.bytes.includes(0)) continue; // binary
      const text = decodeUtf8(read.bytes, read.size > read.bytes.length);
      if (text === undefined) continue;
      const lines = text.split("\n");
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i]!.toLowerCase().includes(needle)) continue;
        matches.push({ path: display(full, rootReal), line: i + 1, text: lines[i]!.trim().slice(0, 200) });
        if (matches.length >= maxResults) return false;
      }
    }
    return true;
  };
  const complete = (await stat(start)).isDirectory() ? await walk(start) : true;
  return { matches, truncated: !complete };
}
