import { expect } from "vitest";
import type { BuildResult } from "../../compiler/index.js";
import { readTree } from "./read-tree.js";

/**
 * A watch session's rebuild emitted what a cold build of the same sources
 * emits, byte for byte, and left exactly those files on disk (it writes only
 * the files that changed, so stale or missing ones would show there).
 */
export function expectEmittedLikeCold(watched: BuildResult, fresh: BuildResult, watchedDir: string, label: string): void {
  expect([...watched.files!.keys()], label).toEqual([...fresh.files!.keys()]);
  for (const [path, text] of fresh.files!) expect(watched.files!.get(path), `${label}: ${path}`).toBe(text);
  expect(readTree(watchedDir), `${label}: on disk`).toEqual(Object.fromEntries(fresh.files!));
}
