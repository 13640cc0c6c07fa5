import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync, writevSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { type FileContent, GENERATED_BY, type OutputFiles, sameContent } from "./output-files.js";

/** True when the directory is absent, empty, or was written by mcpc. */
export function isReplaceable(outDir: string): boolean {
  if (!existsSync(outDir)) return true;
  if (readdirSync(outDir).length === 0) return true;
  try {
    const marker = JSON.parse(readFileSync(join(outDir, "package.json"), "utf8")) as { description?: string };
    return typeof marker.description === "string" && marker.description.startsWith(GENERATED_BY);
  } catch {
    return false;
  }
}

/**
 * Puts the build on disk. Over an earlier output (the caller checked it is
 * mcpc's), only the files whose content differs are written, each beside
 * its target and renamed over it, and files no longer emitted are removed:
 * rebuilding unchanged tools writes nothing, where writing every file of a
 * fresh directory and removing the old one cost more than a third of a
 * 200-tool build (see BENCHMARKS.md). Each file is replaced whole; a reader
 * during the update may see some files of each build. Without an earlier
 * output, or when the update meets something it cannot replace, the build
 * is written into a fresh sibling directory and swapped in.
 */
export function writeOutput(outDir: string, files: OutputFiles): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    try {
      syncOutput(outDir, files);
      return;
    } catch {
      // A directory where a file now goes, or the reverse: the swap below handles any shape.
    }
  }
  swapOutput(outDir, files);
}

/** Brings a directory to exactly `files`, comparing with what is on disk. */
function syncOutput(outDir: string, files: OutputFiles): void {
  const onDisk = readdirSync(outDir, { recursive: true, withFileTypes: true });
  for (const [path, content] of files.contents()) {
    const target = join(outDir, path);
    if (sameOnDisk(target, content)) continue;
    replaceFile(target, content);
  }
  const directories: string[] = [];
  for (const entry of onDisk) {
    const full = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) directories.push(full);
    else if (!files.has(relative(outDir, full).split(sep).join("/"))) rmSync(full, { force: true });
  }
  // Deepest first, so a folder emptied of folders goes too.
  for (const dir of directories.sort((a, b) => b.length - a.length)) if (readdirSync(dir).length === 0) rmdirSync(dir);
}

/**
 * Whether the file holds exactly `text`. Compared as bytes: reading a large
 * file (validators.cjs is megabytes at 200 tools) into a string costs a fresh
 * string on V8's heap and a decoding pass, where a buffer is compared as it
 * was read, and a file of another length is not compared at all.
 */
function sameOnDisk(target: string, content: FileContent): boolean {
  let current: Buffer;
  try {
    current = readFileSync(target);
  } catch {
    return false;
  }
  if (typeof content === "string") return current.length === Buffer.byteLength(content) && current.equals(Buffer.from(content));
  const parts = content.bytes();
  if (current.length !== parts.reduce((sum, part) => sum + part.length, 0)) return false;
  let offset = 0;
  for (const part of parts) {
    if (!current.subarray(offset, offset + part.length).equals(part)) return false;
    offset += part.length;
  }
  return true;
}

/**
 * Writes a file's content; one kept in parts goes from its parts' bytes in
 * one call, never joined (`earlier`: the same file as the last build made
 * it, whose bytes its unchanged parts reuse).
 */
function writeContent(path: string, content: FileContent, earlier?: FileContent): void {
  if (typeof content === "string") {
    writeFileSync(path, content);
    return;
  }
  const fd = openSync(path, "w");
  try {
    writevSync(fd, content.bytes(typeof earlier === "object" ? earlier : undefined));
  } finally {
    closeSync(fd);
  }
}

/** Replaces a file whole: written beside its target and renamed over it, so a reader never sees half of it. */
function replaceFile(target: string, content: FileContent, earlier?: FileContent): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.mcpc-${process.pid}.tmp`;
  writeContent(temporary, content, earlier);
  renameSync(temporary, target);
}

/**
 * Writes the build into a fresh sibling directory, then swaps it in: readers
 * never see a half-written output, and files of an older build never linger.
 */
function swapOutput(outDir: string, files: OutputFiles): void {
  const staging = `${outDir}.mcpc-staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [path, content] of files.contents()) {
    const target = join(staging, path);
    mkdirSync(dirname(target), { recursive: true });
    writeContent(target, content);
  }
  mkdirSync(staging, { recursive: true });
  const retired = `${outDir}.mcpc-old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, retired);
  renameSync(staging, outDir);
  rmSync(retired, { recursive: true, force: true });
}

/**
 * Brings an output directory that holds `previous` (as the last build of
 * this process wrote it) to `files`: changed files are written beside their
 * target and renamed over it, so each is replaced whole; files no longer
 * emitted are removed. A watch rebuild after a one-line edit writes a few
 * files rather than every schema.
 */
export function updateOutput(outDir: string, files: OutputFiles, previous: OutputFiles): void {
  for (const [path, content] of files.contents()) {
    const before = previous.content(path);
    if (sameContent(before, content)) continue;
    replaceFile(join(outDir, path), content, before);
  }
  for (const path of previous.keys()) if (!files.has(path)) rmSync(join(outDir, path), { force: true });
}

/** The paths whose content on disk differs from the build (for `build --check`). */
export function differingFiles(outDir: string, files: OutputFiles): string[] {
  const differ: string[] = [];
  for (const [path, content] of files.contents()) {
    if (!sameOnDisk(join(outDir, path), content)) differ.push(path);
  }
  return differ;
}
