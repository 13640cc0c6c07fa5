// What the stdio and HTTP soaks share: options, the call mix, the server they
// drive (fixtures/servers/faults compiled by mcpc) and how a process is sampled.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "../../dist/compiler/index.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A numeric `--name value` option of the command line. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/**
 * Every path a call can take: plain results, throws, rejections, invalid arguments, unknown tools,
 * unhandled rejections, and arguments with more faults than a validator collects (it stops at 100
 * and says the list is cut: the path a hostile client takes, issue 16).
 */
export const CALL_MIX = [
  ...Array(14).fill({ name: "echo", arguments: { value: 1.5 } }),
  { name: "throws_error", arguments: {} },
  { name: "rejects", arguments: {} },
  { name: "count_nodes", arguments: { tree: { label: 3 } } },
  { name: "returns_cycle", arguments: {} },
  { name: "never_settles_not_a_tool", arguments: {} },
  { name: "unhandled_rejection", arguments: {} },
  { name: "count_nodes", arguments: { tree: { label: "root", children: Array.from({ length: 150 }, () => ({ label: 3 })) } } },
];

/** Compiles fixtures/servers/faults into .out/<name> and returns the server's path; exits 2 if it does not compile. */
export async function buildFaultsServer(name) {
  const outDir = join(ROOT, ".out", name);
  const built = await build({ entries: [join(ROOT, "fixtures", "servers", "faults", "tools.ts")], cwd: ROOT, outDir });
  if (built.diagnostics.some((d) => d.severity === "error")) {
    console.error(`${name}: the fixture did not compile`, built.diagnostics);
    process.exit(2);
  }
  return join(outDir, "server.js");
}

/** RSS (MB) and open file descriptors of a process, from /proc. */
export function processSample(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  return { rssMb: rssKb / 1024, fds: readdirSync(`/proc/${pid}/fd`).length };
}

/** Growth bounds from the command line: RSS and heap in MB, open fds in count. */
export function readBounds(defaultFdGrowth) {
  return {
    rssMb: option("max-rss-growth-mb", 48),
    heapMb: option("max-heap-growth-mb", 8),
    fds: option("max-fd-growth", defaultFdGrowth),
  };
}

/** Growth from the first sample after warm-up (10% of the calls) to the last, and the bounds it broke. */
export function growthAfterWarmUp(samples, calls, bounds) {
  const warm = samples.find((s) => s.calls >= calls * 0.1) ?? samples[0];
  const last = samples[samples.length - 1];
  const growth = { rssMb: last.rssMb - warm.rssMb, heapMb: last.heapMb - warm.heapMb, fds: last.fds - warm.fds };
  const broken = [];
  if (growth.rssMb > bounds.rssMb) broken.push(`RSS grew ${growth.rssMb.toFixed(1)} MB after warm-up (bound ${bounds.rssMb})`);
  if (growth.heapMb > bounds.heapMb) broken.push(`heap grew ${growth.heapMb.toFixed(2)} MB after warm-up (bound ${bounds.heapMb})`);
  if (growth.fds > bounds.fds) broken.push(`open fds grew by ${growth.fds} after warm-up (bound ${bounds.fds})`);
  return { warm, last, growth, broken };
}
