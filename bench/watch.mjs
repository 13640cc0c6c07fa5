// The hook for the warm `--watch` rebuild figure (target: ≤ 60 ms at 200
// tools after a one-line signature change). `mcpc build --watch` is being
// built on another branch; once `mcpc build --help` mentions --watch, this
// is where the harness starts it on bench/.build/gen-<size>, edits one
// signature and times the rebuild. Until then it reports pending.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./build.mjs";

export async function watchRebuild(size) {
  const help = execFileSync(process.execPath, [join(ROOT, "bin/mcpc.js"), "build", "--help"], { encoding: "utf8" });
  if (!help.includes("--watch")) return `pending (no \`mcpc build --watch\` on this branch yet; the hook is bench/watch.mjs, ${size} tools)`;
  return "pending (`--watch` exists: wire the timing into bench/watch.mjs)";
}
