// `mcpc build --check`: how the output directory on disk differs from what a build would emit.
import { differingFiles, type OutputFiles } from "../compiler/index.js";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface Drift {
  path: string;
  state: "differs" | "missing" | "extra";
}

export function outputDrift(outDir: string, files: OutputFiles): Drift[] {
  const drift: Drift[] = differingFiles(outDir, files).map((path) => ({ path, state: existsSync(join(outDir, path)) ? "differs" : "missing" }));
  for (const path of filesUnder(outDir)) if (!files.has(path)) drift.push({ path, state: "extra" });
  return drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function filesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(join(dir, entry.name), path));
    else out.push(path);
  }
  return out;
}
