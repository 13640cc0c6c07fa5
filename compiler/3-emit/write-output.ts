import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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
 * Writes the build into a fresh sibling directory, then swaps it in: readers
 * never see a half-written output, and files of an older build never linger.
 */
export function writeOutput(outDir: string, files: OutputFiles): void {
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
    let onDisk: string | undefined;
    try {
      onDisk = readFileSync(join(outDir, path), "utf8");
    } catch {
      onDisk = undefined;
    }
    if (onDisk !== text) differ.push(path);
  }
  return differ;
}
