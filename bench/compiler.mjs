// The compiler half of the benchmark: cold `mcpc check` and `mcpc build` on
// generated sources of several sizes, against `tsc --noEmit` and
// ts-json-schema-generator on the same types, in turns. The figure is CPU
// seconds of the whole process (user + system, from the rusage bash's `time` reports),
// which other work on the machine disturbs far less than wall time.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILD, ROOT } from "./build.mjs";
import { GENERATED_TSCONFIG, generateSchemaTypes, generateSplitTools, generateTools } from "./lib/generate-sources.mjs";
import { median } from "./lib/stats.mjs";

const MCPC = join(ROOT, "bin/mcpc.js");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const TSJ = join(ROOT, "node_modules/ts-json-schema-generator/bin/ts-json-schema-generator.js");

/**
 * Writes the generated project of `size` tools into its own directory under
 * bench/.build and returns it; the entry is tools.ts either way. `layout` is
 * "one-file" (every tool in tools.ts) or "split" (modules of 10 tools that
 * tools.ts re-exports, bench/lib/generate-sources.mjs generateSplitTools).
 */
export function prepareSources(size, layout = "one-file") {
  const dir = join(BUILD, layout === "split" ? `gen-${size}-split` : `gen-${size}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (layout === "split") {
    for (const [name, text] of Object.entries(generateSplitTools(size))) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(GENERATED_TSCONFIG, null, 2));
    return dir;
  }
  if (layout !== "one-file") throw new Error(`bench/compiler.mjs: no source layout "${layout}"`);
  writeFileSync(join(dir, "tools.ts"), generateTools(size));
  writeFileSync(join(dir, "schema-types.ts"), generateSchemaTypes(size));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(GENERATED_TSCONFIG, null, 2));
  writeFileSync(
    join(dir, "tsconfig.schema.json"),
    JSON.stringify({ ...GENERATED_TSCONFIG, include: ["schema-types.ts"] }, null, 2),
  );
  return dir;
}

/** The compiler contenders: argv for node, run in the generated directory. */
export const COMPILER_CONTENDERS = [
  { id: "tsc", label: "tsc --noEmit", argv: [TSC, "-p", "tsconfig.json", "--noEmit"] },
  { id: "check", label: "mcpc check", argv: [MCPC, "check", "tools.ts"] },
  { id: "build", label: "mcpc build", argv: [MCPC, "build", "tools.ts", "--out", "out"] },
  // A first run: V8's code cache for TypeScript not yet written (compiler/typescript/compile-cache.ts).
  { id: "checkNoCache", label: "mcpc check, no code cache", argv: [MCPC, "check", "tools.ts"], env: { NODE_DISABLE_COMPILE_CACHE: "1" } },
  { id: "buildNoCache", label: "mcpc build, no code cache", argv: [MCPC, "build", "tools.ts", "--out", "out"], env: { NODE_DISABLE_COMPILE_CACHE: "1" } },
  // A first build: no earlier output to compare with and no validator store (compiler/3-emit/validator-store.ts),
  // so every validator is compiled and every file written. The code cache is on, as in the main columns.
  { id: "buildFirst", label: "mcpc build, first into an empty directory", argv: [MCPC, "build", "tools.ts", "--out", "out-first"], env: { MCPC_VALIDATOR_CACHE: "off" }, emptyFirst: "out-first" },
  { id: "tsj", label: "ts-json-schema-generator", argv: [TSJ, "--path", "schema-types.ts", "--tsconfig", "tsconfig.schema.json", "--type", "*", "-o", "schemas.json"] },
];

const RUN_LOG = join(tmpdir(), `mcpc-bench-compiler-${process.pid}.log`);

/**
 * CPU seconds (user + system) of one cold run, from bash's `time` keyword (the
 * child's rusage): bash is on every machine, GNU time is not. The command's
 * own output goes to a log, so bash's stderr holds only the timing line.
 */
function cpuOfRun(argv, cwd, env = {}) {
  const run = spawnSync("bash", ["-c", 'TIMEFORMAT="%3U %3S"; time "$@" >"$MCPC_BENCH_LOG" 2>&1', "bench-cpu", process.execPath, ...argv], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env, MCPC_BENCH_LOG: RUN_LOG },
  });
  if (run.status !== 0) throw new Error(`${argv.join(" ")} failed in ${cwd}:\n${readFileSync(RUN_LOG, "utf8")}`);
  const [user, system] = run.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return user + system;
}

/** Medians of CPU seconds by size, then contender. */
export function runCompiler(sizes, rounds, log = () => {}) {
  const result = {};
  // The code cache as after any earlier run: written by one build first.
  cpuOfRun(COMPILER_CONTENDERS.find((c) => c.id === "build").argv, prepareSources(sizes[0]));
  for (const size of sizes) {
    const dir = prepareSources(size);
    const samples = Object.fromEntries(COMPILER_CONTENDERS.map((c) => [c.id, []]));
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < COMPILER_CONTENDERS.length; k++) {
        const contender = COMPILER_CONTENDERS[(k + round) % COMPILER_CONTENDERS.length];
        if (contender.emptyFirst) rmSync(join(dir, contender.emptyFirst), { recursive: true, force: true });
        samples[contender.id].push(cpuOfRun(contender.argv, dir, contender.env));
      }
    }
    result[size] = Object.fromEntries(Object.entries(samples).map(([id, s]) => [id, median(s)]));
    log(`${size} tools: ${Object.entries(result[size]).map(([id, s]) => `${id} ${s.toFixed(2)} s`).join(", ")}`);
  }
  return result;
}
