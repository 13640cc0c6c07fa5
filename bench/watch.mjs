// The warm `--watch` rebuild (target: ≤ 60 ms at 200 tools after a one-line
// signature change). Starts `mcpc build tools.ts --watch` on the generated
// sources, waits for the first (cold) build, then edits one function's
// signature several times (adding and removing an optional parameter, which
// changes that tool's input schema) and reads each rebuild's time.
//
// Two layouts of the same tools (bench/compiler.mjs prepareSources): all in
// one file, and modules of 10 tools that the entry re-exports, as a project
// of many tools is written. The edit is the same line, in the first module
// for the second: the rest of the project does not import it, so a rebuild
// that redoes only what an edit reaches has less to redo there.
//
// Two figures per edit: the rebuild time mcpc prints ("Built … in N ms",
// measured inside the process from the start of the build to the output
// written), and the wall time from the save to that line, which adds the
// watcher's settle delay (80 ms, for editors that save in several steps) and
// the file-system notification.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT } from "./build.mjs";
import { prepareSources } from "./compiler.mjs";
import { median } from "./lib/stats.mjs";

const BUILT = /(?:Built|Found) .* in (\d+) ms/;

/**
 * Medians over `edits` rebuilds: { size, layout, coldMs, rebuildMs, rebuildsMs, saveToBuiltMs,
 * tsc: tsc --watch's { coldMs, rebuildMs, rebuildsMs } }. `layout` is "one-file" or "split".
 */
export async function measureWatch(size, edits = 7, log = () => {}, layout = "one-file") {
  const dir = prepareSources(size, layout);
  // The file holding search_0: the entry itself, or the first module.
  const editedFile = layout === "split" ? "tools-0.ts" : "tools.ts";
  const source = join(dir, editedFile);
  const original = readFileSync(source, "utf8");
  // The first search tool's signature: `exact?: boolean)` gains and loses a parameter.
  const target = "exact?: boolean): string[] {";
  if (!original.includes(target)) throw new Error("bench/watch.mjs: the generated sources changed shape; update the edited line");
  const edited = original.replace(target, "exact?: boolean, note?: string): string[] {");

  const child = spawn(process.execPath, [join(ROOT, "bin/mcpc.js"), "build", "tools.ts", "--out", "out", "--watch"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const nextBuild = buildReports([child.stdout, child.stderr], "mcpc --watch", (line) => {
    const match = BUILT.exec(line);
    return match ? { ms: Number(match[1]), at: performance.now(), ok: line.includes("Built") } : undefined;
  });
  try {
    // The first build of 1,000 tools takes tens of seconds on a loaded machine.
    const cold = await nextBuild(300_000);
    if (!cold.ok) throw new Error("bench/watch.mjs: the first build failed");
    // Let the watchers settle before the first edit.
    await new Promise((r) => setTimeout(r, 300));
    const rebuilds = [];
    const saveToBuilt = [];
    for (let i = 0; i < edits; i++) {
      const waiting = nextBuild();
      const savedAt = performance.now();
      writeFileSync(source, i % 2 === 0 ? edited : original);
      const built = await waiting;
      if (!built.ok) throw new Error("bench/watch.mjs: a rebuild failed");
      const manifest = JSON.parse(readFileSync(join(dir, "out/manifest.json"), "utf8"));
      const hasNote = "note" in (manifest.tools.find((t) => t.name === "search_0")?.inputSchema.properties ?? {});
      if (hasNote !== (i % 2 === 0)) throw new Error("bench/watch.mjs: the rebuilt manifest does not show the edit");
      rebuilds.push(built.ms);
      saveToBuilt.push(built.at - savedAt);
      log(`watch rebuild ${i + 1}/${edits}: ${built.ms} ms (save → built ${(built.at - savedAt).toFixed(0)} ms)`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const mcpc = { size, layout, coldMs: cold.ms, rebuildMs: median(rebuilds), rebuildsMs: rebuilds, saveToBuiltMs: median(saveToBuilt) };
    child.kill();
    return { ...mcpc, tsc: await measureTscWatch(dir, source, original, edited, edits, log) };
  } finally {
    child.kill();
    writeFileSync(source, original);
  }
}

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const TSC_TOTAL = /^Total time:\s+([\d.]+)s/;

/**
 * The same edits under `tsc --watch` on the same sources, right after mcpc's
 * (one watcher at a time, so neither slows the other): what TypeScript alone
 * takes to check the program again and emit the edited file. The figure is
 * the "Total time" tsc's --extendedDiagnostics prints after each build
 * (program update, check and emit; printed to 10 ms), measured inside tsc
 * as mcpc's is inside mcpc. Returns { coldMs, rebuildMs, rebuildsMs }.
 */
async function measureTscWatch(dir, source, original, edited, edits, log) {
  writeFileSync(source, original);
  const outDir = join(dir, "tsc-out");
  const child = spawn(process.execPath, [TSC, "-p", "tsconfig.json", "-w", "--noEmit", "false", "--outDir", outDir, "--extendedDiagnostics"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const nextBuild = buildReports([child.stdout], "tsc --watch", (line) => {
    const match = TSC_TOTAL.exec(line);
    return match ? Math.round(Number(match[1]) * 1000) : undefined;
  });
  try {
    const coldMs = await nextBuild(300_000);
    await new Promise((r) => setTimeout(r, 300));
    const rebuilds = [];
    for (let i = 0; i < edits; i++) {
      const waiting = nextBuild();
      writeFileSync(source, i % 2 === 0 ? edited : original);
      const ms = await waiting;
      const emittedFile = basename(source).replace(/\.ts$/, ".js");
      const emitted = readFileSync(join(outDir, emittedFile), "utf8");
      if (/function search_0\([^)]*\bnote\b/.test(emitted) !== (i % 2 === 0)) throw new Error(`bench/watch.mjs: tsc's emitted ${emittedFile} does not show the edit`);
      rebuilds.push(ms);
      log(`tsc --watch rebuild ${i + 1}/${edits}: ${ms} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { coldMs, rebuildMs: median(rebuilds), rebuildsMs: rebuilds };
  } finally {
    child.kill();
  }
}

/**
 * Reads a watcher's output line by line; the function it returns waits for
 * the next line `read` makes a figure of (a build's report), or rejects after
 * `timeoutMs`.
 */
function buildReports(streams, name, read) {
  let pending;
  let output = "";
  const onData = (chunk) => {
    output += chunk;
    let newline;
    while ((newline = output.indexOf("\n")) !== -1) {
      const value = read(output.slice(0, newline));
      output = output.slice(newline + 1);
      if (value !== undefined && pending) {
        const resolve = pending;
        pending = undefined;
        resolve(value);
      }
    }
  };
  for (const stream of streams) stream.setEncoding("utf8").on("data", onData);
  return (timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench/watch.mjs: ${name} reported no build within ${timeoutMs} ms`)), timeoutMs);
      pending = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
    });
}
