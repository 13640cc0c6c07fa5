import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { GENERATED_BY, type OutputFiles } from "./output-files.js";

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
  for (const [path, text] of files) {
    const target = join(outDir, path);
    if (sameOnDisk(target, text)) continue;
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.mcpc-${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
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
function sameOnDisk(target: string, text: string): boolean {
  try {
    const current = readFileSync(target);
    return current.length === Buffer.byteLength(text) && current.equals(Buffer.from(text));
  } catch {
    return false;
  }
}

/**
 * Writes the build into a fresh sibling directory, then swaps it in: readers
 * never see a half-written output, and files of an older build never linger.
 */
function swapOutput(outDir: string, files: OutputFiles): void {
  const staging = `${outDir}.mcpc-staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [path, text] of files) {
    const target = join(staging, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
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
  for (const [path, text] of files) {
    if (previous.get(path) === text) continue;
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    const temporary = `${target}.mcpc-${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  }
  for (const path of previous.keys()) if (!files.has(path)) rmSync(join(outDir, path), { force: true });
}

/** The paths whose content on disk differs from the build (for `build --check`). */
export function differingFiles(outDir: string, files: OutputFiles): string[] {
  const differ: string[] = [];
  for (const [path, text] of files) {
    if (!sameOnDisk(join(outDir, path), text)) differ.push(path);
  }
  return differ;
}
