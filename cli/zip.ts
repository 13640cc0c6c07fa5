// Writes a .mcpb bundle (a plain zip archive) with fflate, the zip library Anthropic's own mcpb
// packer uses, and as it does: Unix permission bits in the external attributes (so an executable
// stays executable after `mcpb unpack`), symbolic links followed by the caller (stored as the file
// they point to). Files on disk are streamed in chunks, so a large one is never held whole.
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { unzipSync, Zip, ZipDeflate } from "fflate";

/** One file of the archive: generated text in memory, or a file on disk read as it is packed. */
export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  path: string;
  content?: Uint8Array;
  /** A file to read (already resolved past any symbolic link). */
  file?: string;
  /** Unix mode; only the permission bits are kept. */
  mode: number;
}

const CHUNK_BYTES = 64 * 1024;
const REGULAR_FILE = 0o100000;
// A fixed timestamp (1980-01-01, the earliest zip can hold): the same inputs give the same bytes.
const FIXED_TIME = new Date(1980, 0, 1);

/**
 * Writes the archive to `output` (through a temporary file, so a failure leaves no partial bundle)
 * and returns its size in bytes.
 */
export function writeZip(output: string, entries: readonly ZipEntry[]): number {
  const partial = `${output}.partial-${process.pid}`;
  const size = packZip(partial, entries);
  renameSync(partial, output);
  return size;
}

/** Writes the archive to `partial` (removed again on failure) and returns its size; the caller moves it into place. */
export function packZip(partial: string, entries: readonly ZipEntry[]): number {
  const fd = openSync(partial, "w");
  // Set from fflate's callback, which runs synchronously inside add/push/end.
  const state: { size: number; failure?: Error } = { size: 0 };
  try {
    const archive = new Zip((error, chunk) => {
      if (error !== null) state.failure = error;
      else {
        writeSync(fd, chunk);
        state.size += chunk.length;
      }
    });
    for (const entry of entries) {
      const member = new ZipDeflate(entry.path, { level: 9 });
      member.os = 3; // Unix, so that attrs hold a Unix mode
      member.attrs = ((REGULAR_FILE | (entry.mode & 0o777)) << 16) >>> 0;
      member.mtime = FIXED_TIME;
      archive.add(member);
      if (entry.file !== undefined) pushFile(member, entry.file);
      else member.push(entry.content ?? new Uint8Array(0), true);
      if (state.failure !== undefined) throw state.failure;
    }
    archive.end();
    if (state.failure !== undefined) throw state.failure;
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  return state.size;
}

/**
 * Unpacks the archive into `dir` as a client installing it would, giving each file the mode it was
 * packed with (`modes`, by path; fflate reports no attributes when it reads).
 */
export function unpackZip(archive: string, dir: string, modes: ReadonlyMap<string, number>): void {
  const root = resolve(dir);
  for (const [path, content] of Object.entries(unzipSync(readFileSync(archive)))) {
    if (path.endsWith("/")) continue;
    const target = resolve(root, path);
    if (!target.startsWith(root + sep)) throw new Error(`'${path}' would be written outside the directory it is unpacked into`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    chmodSync(target, (modes.get(path) ?? 0o644) & 0o777);
  }
}

function pushFile(member: ZipDeflate, path: string): void {
  const fd = openSync(path, "r");
  try {
    for (;;) {
      // A fresh buffer per chunk: the deflater may keep a reference to what it was given.
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) {
        member.push(new Uint8Array(0), true);
        return;
      }
      member.push(chunk.subarray(0, read), false);
    }
  } finally {
    closeSync(fd);
  }
}
