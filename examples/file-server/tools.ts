// A read-only file server: read, list and search files under one allowed root
// (FILES_ROOT, default: the directory the server starts in). Paths that
// escape the root (../, absolute paths, symlinks pointing out) are refused.
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { ToolError, type Context } from "mcpc/runtime";

const ROOT = resolve(process.env.FILES_ROOT ?? process.cwd());
const UTF8 = new TextDecoder("utf-8", { fatal: true });

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
  const rel = relative(rootReal, real);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new ToolError(`'${path}' is outside the allowed root; only files under it can be read.`);
  return real;
}

function display(real: string, rootReal: string): string {
  return relative(rootReal, real).split(sep).join("/") || ".";
}

/**
 * Read a text file (UTF-8) under the root.
 * @param path The file, relative to the root, e.g. 'docs/readme.md'.
 * @param maxBytes Read at most this many bytes.
 */
export async function read_file(path: string, /** @integer @minimum 1 */ maxBytes: number = 100_000): Promise<string> {
  const real = await insideRoot(path);
  const info = await stat(real);
  if (info.isDirectory()) throw new ToolError(`'${path}' is a directory; use list_directory to see its contents.`);
  const bytes = await readFile(real);
  const slice = bytes.subarray(0, maxBytes);
  if (slice.includes(0)) throw new ToolError(`'${path}' is a binary file (${info.size} bytes); only UTF-8 text can be read.`);
  let text: string;
  try {
    text = UTF8.decode(slice);
  } catch {
    throw new ToolError(`'${path}' is not valid UTF-8 text; only UTF-8 text can be read.`);
  }
  return bytes.length > maxBytes ? `${text}\n[truncated: ${bytes.length} bytes in all]` : text;
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
 * Search text files under a directory for a string (case-insensitive).
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
      const bytes = await readFile(full);
      if (bytes.includes(0)) continue; // binary
      let text: string;
      try {
        text = UTF8.decode(bytes);
      } catch {
        continue;
      }
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
