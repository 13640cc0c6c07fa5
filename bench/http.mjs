// Streamable HTTP: the HTTP half of the benchmark. The contenders are the
// SDK stateless and stateful, fastmcp (TypeScript), FastMCP (Python)
// stateless and stateful, the bare node:http floor and mcpc's own `--http`
// (stateful and `--stateless`). The client is RawHttpPeer
// (raw keep-alive sockets): with node:http's Agent the client used ~120 µs
// of CPU per call, more than the floor server (~80 µs), and set the pace.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH, ROOT } from "./build.mjs";
import { RawHttpPeer } from "./lib/raw-http-peer.mjs";
import { cpuSeconds, rssMb } from "./lib/proc.mjs";
import { median } from "./lib/stats.mjs";
import { CALL_ADD, CALL_ORDER, INITIALIZE } from "./lib/payloads.mjs";
import { answersThree } from "./runtime.mjs";

/**
 * The HTTP contenders; each prints its port on stderr once listening. `argv`
 * is what node runs, or what `command` runs when given (FastMCP (Python)).
 */
export function httpContenders({ mcpcServer, floorDir }, fastmcpPython) {
  return [
    { id: "floor-http", label: "bare node:http (floor)", argv: [join(BENCH, "contenders/floor/http.mjs"), floorDir, "--port", "0"] },
    { id: "mcpc-http", label: "mcpc --http (stateful)", argv: [mcpcServer, "--http", "--port", "0"] },
    { id: "mcpc-http-stateless", label: "mcpc --http --stateless", argv: [mcpcServer, "--http", "--stateless", "--port", "0"] },
    { id: "sdk-stateless", label: "SDK stateless", argv: [join(BENCH, "contenders/sdk/server.mjs"), "--http", "--port", "0"] },
    { id: "sdk-stateful", label: "SDK stateful", argv: [join(BENCH, "contenders/sdk/server.mjs"), "--http", "--stateful", "--port", "0"] },
    // fastmcp cannot report a port it was not given: "{port}" is replaced by a free one.
    { id: "fastmcp-ts-stateless", label: "fastmcp (TypeScript) stateless", argv: [join(BENCH, "contenders/fastmcp/server.mjs"), "--http", "--port", "{port}"] },
    { id: "fastmcp-python-stateless", label: "FastMCP (Python) stateless", command: fastmcpPython.python, argv: [fastmcpPython.server, "--http"] },
    { id: "fastmcp-python-stateful", label: "FastMCP (Python) stateful", command: fastmcpPython.python, argv: [fastmcpPython.server, "--http", "--stateful"] },
  ];
}

/** A port nothing listens on right now, for servers that cannot take port 0. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server with `--http --port 0` and resolves with the port it
 * reports ("listening N" or "listening on URL" on its output), or undefined when it exits
 * or says nothing within the time allowed.
 */
export async function startHttp(argv, timeoutMs = 5000, command = process.execPath) {
  if (argv.includes("{port}")) {
    const port = String(await freePort());
    argv = argv.map((a) => (a === "{port}" ? port : a));
  }
  return new Promise((resolve) => {
    const spawnedAt = performance.now();
    const child = spawn(command, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let settled = false;
    const done = (port) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (port === undefined) child.kill("SIGKILL");
      resolve(port === undefined ? undefined : { port, child, spawnedAt });
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const look = (chunk) => {
      if (settled) return; // still read, so a chatty server never blocks on a full pipe
      output += chunk;
      // "listening 3000" (the contenders here) or "mcpc: listening on http://127.0.0.1:3000/mcp".
      const match = /listening(?: on)?\s+(?:\S*:)?(\d{2,5})\b/i.exec(output);
      if (match) done(Number(match[1]));
    };
    child.stdout.setEncoding("utf8").on("data", look);
    child.stderr.setEncoding("utf8").on("data", look);
    child.on("exit", () => done(undefined));
  });
}

/** Whether mcpc's emitted server serves Streamable HTTP on this branch. */
export async function mcpcServesHttp(mcpcServer) {
  const started = await startHttp([mcpcServer, "--http", "--port", "0"], 3000);
  if (started === undefined) return false;
  started.child.kill();
  return true;
}

/** One HTTP contender's turn: start, initialize, then pipelined calls with the server's CPU per call. */
export async function measureHttp(contender, config) {
  // Python's imports alone take a second or more on a loaded machine.
  const started = await startHttp(contender.argv, contender.command === undefined ? 5000 : 30_000, contender.command);
  if (started === undefined) throw new Error(`${contender.label}: did not start listening`);
  const { port, child, spawnedAt } = started;
  const peer = new RawHttpPeer(`http://127.0.0.1:${port}/mcp`);
  try {
    const init = await peer.request("initialize", INITIALIZE);
    if (init.message?.result === undefined) throw new Error(`${contender.label}: initialize answered ${init.status} ${JSON.stringify(init.message)}`);
    await peer.notify("notifications/initialized");
    const figures = { spawnToInitMs: init.at - spawnedAt };
    const check = await peer.request("tools/call", CALL_ADD);
    if (!answersThree(check.message?.result?.content?.[0]?.text)) throw new Error(`${contender.label}: add(1, 2) answered ${JSON.stringify(check.message)}`);
    await peer.pipeline("tools/call", CALL_ADD, Math.ceil(config.warmup / 2), 64);
    await peer.pipeline("tools/call", CALL_ORDER, Math.floor(config.warmup / 2), 64);
    for (const [key, params] of [["add", CALL_ADD], ["order", CALL_ORDER]]) {
      const cpu = cpuSeconds(child.pid);
      const { ms, failures } = await peer.pipeline("tools/call", params, config.calls, 64);
      if (failures > 0) throw new Error(`${contender.label}: ${failures} of ${config.calls} ${key} calls failed`);
      figures[`${key}PerSecond`] = config.calls / (ms / 1000);
      figures[`${key}CpuUs`] = ((cpuSeconds(child.pid) - cpu) * 1e6) / config.calls;
    }
    figures.rssMb = rssMb(child.pid);
    return figures;
  } finally {
    peer.close();
    child.kill();
  }
}

/** The HTTP contenders in turns for `rounds` rounds; medians by contender. */
export async function runHttp(contenders, config, log = () => {}) {
  const samples = new Map(contenders.map((c) => [c.id, []]));
  for (let round = 0; round < config.rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(k + round) % contenders.length];
      const f = await measureHttp(contender, config);
      samples.get(contender.id).push(f);
      log(`http round ${round + 1}/${config.rounds} ${contender.id}: add ${(f.addPerSecond / 1000).toFixed(1)}k/s ${f.addCpuUs.toFixed(0)} µs CPU, order ${(f.orderPerSecond / 1000).toFixed(1)}k/s`);
    }
  }
  const medians = {};
  for (const [id, list] of samples) {
    medians[id] = {};
    for (const key of Object.keys(list[0])) medians[id][key] = median(list.map((f) => f[key]));
  }
  return medians;
}
