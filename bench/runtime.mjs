// The runtime half of the benchmark: every contender serves the same tools
// over stdio and is measured in turns (A B C D, A B C D, ...), a fresh
// process per turn, so drift on a shared machine hits all of them alike.
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { StdioPeer } from "./lib/stdio-peer.mjs";
import { cpuSeconds, rssMb } from "./lib/proc.mjs";
import { median, percentile } from "./lib/stats.mjs";
import { CALL_ADD, CALL_BAD_ORDER, CALL_ORDER, INITIALIZE } from "./lib/payloads.mjs";
import { BENCH, ROOT } from "./build.mjs";

const IN_FLIGHT = 64;
const HEAP_PROBE = join(BENCH, "lib/heap-probe.cjs");

/**
 * The stdio contenders; `argv` is what node runs, or what `command` runs
 * when it is given (FastMCP (Python): the virtualenv's python, with no
 * heap probe: its figure is RSS).
 */
export function stdioContenders({ mcpcServer, floorDir }, fastmcpPython) {
  return [
    { id: "floor", label: "bare Node JSON-RPC (floor)", argv: [join(BENCH, "contenders/floor/stdio.mjs"), floorDir] },
    { id: "mcpc", label: "mcpc", argv: [mcpcServer] },
    { id: "sdk", label: "SDK McpServer + zod", argv: [join(BENCH, "contenders/sdk/server.mjs")] },
    { id: "fastmcp", label: "fastmcp (TypeScript) + zod", argv: [join(BENCH, "contenders/fastmcp/server.mjs")] },
    { id: "fastmcpPy", label: "FastMCP (Python)", command: fastmcpPython.python, argv: [fastmcpPython.server] },
  ];
}

/** `add(1, 2)`'s text: "3", or "3.0" from a server whose numbers are floats (Python). */
export const answersThree = (text) => typeof text === "string" && text.trim() !== "" && Number(text) === 3;

/** Checks a contender answers as the others do before timing it. */
async function sanityCheck(peer, label) {
  const add = (await peer.request("tools/call", CALL_ADD)).message;
  const text = add.result?.content?.[0]?.text;
  if (!answersThree(text)) throw new Error(`${label}: add(1, 2) answered ${JSON.stringify(add)}`);
  const order = (await peer.request("tools/call", CALL_ORDER)).message;
  if (order.result === undefined || order.result.isError) throw new Error(`${label}: valid create_order failed: ${JSON.stringify(order)}`);
  const bad = (await peer.request("tools/call", CALL_BAD_ORDER)).message;
  const badIsRejected = bad.error !== undefined || bad.result?.isError === true;
  if (!badIsRejected) throw new Error(`${label}: invalid create_order was accepted: ${JSON.stringify(bad)}`);
  const list = (await peer.request("tools/list")).message;
  if ((list.result?.tools ?? []).length !== 2) throw new Error(`${label}: tools/list answered ${JSON.stringify(list).slice(0, 300)}`);
}

/** Pipelined calls with the server's CPU time for them. */
async function throughput(peer, method, params, count, label) {
  const cpuBefore = cpuSeconds(peer.pid);
  const { ms, failures } = await peer.pipeline(method, params, count, IN_FLIGHT);
  const cpu = cpuSeconds(peer.pid) - cpuBefore;
  return { perSecond: count / (ms / 1000), cpuUsPerCall: (cpu * 1e6) / count, failures, label };
}

/** One contender's turn: a cold start, then every figure on the same process. */
export async function measureStdio(contender, config) {
  // Node contenders get the heap probe (a forced GC, then the live heap); Python has no
  // such figure that compares, so its memory is read as RSS only.
  const probesHeap = contender.command === undefined;
  const peer = probesHeap
    ? new StdioPeer(["--expose-gc", "-r", HEAP_PROBE, ...contender.argv], { cwd: ROOT })
    : new StdioPeer(contender.argv, { cwd: ROOT, command: contender.command });
  try {
    const init = await peer.request("initialize", INITIALIZE);
    if (init.message.error !== undefined) throw new Error(`${contender.label}: initialize failed: ${JSON.stringify(init.message)}`);
    peer.notify("notifications/initialized");
    const first = await peer.request("tools/call", CALL_ADD);
    const figures = {
      coldInitMs: init.at - peer.spawnedAt,
      coldFirstCallMs: first.at - peer.spawnedAt,
    };
    await sanityCheck(peer, contender.label);

    await peer.pipeline("tools/call", CALL_ADD, config.warmup, IN_FLIGHT);
    await peer.pipeline("tools/call", CALL_ORDER, config.warmup >> 2, IN_FLIGHT);
    figures.rssWarmMb = rssMb(peer.pid);
    figures.heapWarmMb = probesHeap ? (await peer.heapAfterGc()) / 2 ** 20 : NaN;

    const latencies = [];
    for (let i = 0; i < config.sequential; i++) {
      const sent = performance.now();
      const { at } = await peer.request("tools/call", CALL_ADD);
      latencies.push(at - sent);
    }
    figures.latencyP50Ms = percentile(latencies, 50);
    figures.latencyP99Ms = percentile(latencies, 99);

    const add = await throughput(peer, "tools/call", CALL_ADD, config.pipelined, "add");
    const order = await throughput(peer, "tools/call", CALL_ORDER, config.pipelined, "order");
    const bad = await throughput(peer, "tools/call", CALL_BAD_ORDER, config.pipelined, "bad");
    const list = await throughput(peer, "tools/list", "{}", config.list, "list");
    if (add.failures || order.failures) throw new Error(`${contender.label}: ${add.failures + order.failures} valid calls failed`);
    if (bad.failures !== config.pipelined) throw new Error(`${contender.label}: only ${bad.failures} of ${config.pipelined} invalid calls were rejected`);
    Object.assign(figures, {
      addPerSecond: add.perSecond,
      addCpuUs: add.cpuUsPerCall,
      orderPerSecond: order.perSecond,
      orderCpuUs: order.cpuUsPerCall,
      badPerSecond: bad.perSecond,
      badCpuUs: bad.cpuUsPerCall,
      listPerSecond: list.perSecond,
      listCpuUs: list.cpuUsPerCall,
    });

    const callsSoFar = config.warmup + (config.warmup >> 2) + config.sequential + 3 * config.pipelined + 5;
    const rest = config.totalCalls - callsSoFar;
    if (rest > 0) await peer.pipeline("tools/call", CALL_ADD, rest, IN_FLIGHT);
    figures.rssAfterMb = rssMb(peer.pid);
    figures.rssGrowthMb = figures.rssAfterMb - figures.rssWarmMb;
    figures.heapGrowthMb = probesHeap ? (await peer.heapAfterGc()) / 2 ** 20 - figures.heapWarmMb : NaN;
    return figures;
  } catch (error) {
    error.message += `\n--- ${contender.label} stderr ---\n${peer.stderr.slice(-2000)}`;
    throw error;
  } finally {
    await peer.close();
  }
}

/** Runs the contenders in turns for `rounds` rounds; returns each one's medians. */
export async function runStdio(contenders, config, log = () => {}) {
  const samples = new Map(contenders.map((c) => [c.id, []]));
  for (let round = 0; round < config.rounds; round++) {
    // Rotate who goes first, so no contender always follows the same one.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const contender of order) {
      const figures = await measureStdio(contender, config);
      samples.get(contender.id).push(figures);
      log(`round ${round + 1}/${config.rounds} ${contender.id}: ${summarise(figures)}`);
    }
  }
  const medians = {};
  for (const [id, list] of samples) {
    medians[id] = {};
    for (const key of Object.keys(list[0])) medians[id][key] = median(list.map((f) => f[key]));
  }
  return medians;
}

function summarise(f) {
  return `init ${f.coldInitMs.toFixed(0)} ms, add ${(f.addPerSecond / 1000).toFixed(1)}k/s ${f.addCpuUs.toFixed(1)} µs CPU, order ${f.orderCpuUs.toFixed(1)} µs, list ${f.listPerSecond.toFixed(0)}/s, rss ${f.rssWarmMb.toFixed(0)}→${f.rssAfterMb.toFixed(0)} MB`;
}
