#!/usr/bin/env node
// Soak: drives a large number of tool calls through one emitted server over
// stdio and watches its memory and file descriptors for growth.
//
//   node bench/soak/soak.js [--calls 1000000] [--window 128]
//                           [--max-rss-growth-mb 48] [--max-heap-growth-mb 8] [--max-fd-growth 4]
//
// The server is fixtures/servers/faults compiled into .out/soak and run with
// --expose-gc. The calls mix the paths a call can take: plain results (echo),
// thrown errors, rejected promises, invalid arguments, and unhandled
// rejections. Samples: RSS and open fds from /proc/PID, heap after a forced GC
// from the server itself (the memory_usage tool). Growth is measured from the
// first sample after warm-up (10% of the calls) to the last; past any bound
// the script exits 1. Every call must be answered exactly once.
import { spawn } from "node:child_process";
import { buildFaultsServer, CALL_MIX, growthAfterWarmUp, option, processSample, readBounds } from "./shared.js";


const CALLS = option("calls", 1_000_000);
const WINDOW = option("window", 128);
const BOUNDS = readBounds(4);
const SAMPLES = 40;
const JSON_OUT = process.argv.includes("--json");

const log = (line) => {
  if (!JSON_OUT) process.stdout.write(`${line}\n`);
};

const serverPath = await buildFaultsServer("soak");

const child = spawn(process.execPath, ["--expose-gc", serverPath], { stdio: ["pipe", "pipe", "pipe"] });
let stderrBytes = 0;
child.stderr.on("data", (chunk) => (stderrBytes += chunk.length));
let exited;
child.on("exit", (code, signal) => (exited = { code, signal }));

const pending = new Map(); // id -> resolve (for awaited requests) or true
let answered = 0;
let duplicates = 0;
let buffer = "";
child.stdout.setEncoding("utf8");
child.stdout.on("data", (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf("\n")) !== -1) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    const message = JSON.parse(line);
    if (message.id === undefined) continue;
    const waiter = pending.get(message.id);
    if (waiter === undefined) {
      duplicates++;
      continue;
    }
    pending.delete(message.id);
    if (typeof waiter === "function") waiter(message);
    else answered++;
  }
});

let nextId = 0;
let sent = 0;

function request(method, params) {
  const id = `ctl-${nextId++}`;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
  });
}

async function sample(calls) {
  const { rssMb, fds } = processSample(child.pid);
  const usage = await request("tools/call", { name: "memory_usage", arguments: {} });
  const heap = usage.result.structuredContent.heapUsed;
  return { calls, rssMb, heapMb: heap / 1024 / 1024, fds };
}

await request("initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "soak", version: "1" } });
const started = performance.now();
const samples = [await sample(0)];
log(`soak: ${CALLS} calls, window ${WINDOW}, server pid ${child.pid}`);
log("     calls    rss MB   heap MB   fds");
const show = (s) => log(`${String(s.calls).padStart(10)} ${s.rssMb.toFixed(1).padStart(9)} ${s.heapMb.toFixed(2).padStart(9)} ${String(s.fds).padStart(5)}`);
show(samples[0]);

// Drive the calls in slices; between slices the pipeline drains and a sample is taken.
const slice = Math.max(1, Math.floor(CALLS / SAMPLES));
let target = 0;
while (target < CALLS && exited === undefined) {
  target = Math.min(CALLS, target + slice);
  const goal = target;
  await new Promise((resolve) => {
    const step = () => {
      if (answered >= goal || exited !== undefined) return resolve();
      let batch = "";
      while (sent < goal && pending.size < WINDOW) {
        const id = nextId++;
        pending.set(id, true);
        batch += `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":${JSON.stringify(CALL_MIX[id % CALL_MIX.length])}}\n`;
        sent++;
      }
      if (batch) child.stdin.write(batch);
      setImmediate(step);
    };
    step();
  });
  if (exited !== undefined) break;
  const s = await sample(answered);
  samples.push(s);
  show(s);
}
const seconds = (performance.now() - started) / 1000;
child.stdin.end();

const { warm, last, growth, broken } = growthAfterWarmUp(samples, CALLS, BOUNDS);
const failures = [];
if (exited !== undefined) failures.push(`the server exited: ${JSON.stringify(exited)}`);
if (answered !== CALLS) failures.push(`${answered} of ${CALLS} calls answered`);
if (duplicates > 0) failures.push(`${duplicates} responses to ids with nothing pending (duplicates)`);
failures.push(...broken);

const report = {
  calls: CALLS,
  answered,
  seconds: Number(seconds.toFixed(1)),
  callsPerSecond: Math.round(answered / seconds),
  warmup: warm,
  last,
  growth,
  peakRssMb: Math.max(...samples.map((s) => s.rssMb)),
  bounds: BOUNDS,
  stderrMb: Number((stderrBytes / 1024 / 1024).toFixed(1)),
  failures,
};
if (JSON_OUT) process.stdout.write(`${JSON.stringify(report)}\n`);
else {
  log(`\n${answered} calls in ${report.seconds} s (${report.callsPerSecond}/s); server wrote ${report.stderrMb} MB of logs to stderr`);
  log(`growth after warm-up (${warm.calls} calls): RSS ${growth.rssMb.toFixed(1)} MB, heap ${growth.heapMb.toFixed(2)} MB, fds ${growth.fds}`);
  log(`bounds: RSS ${BOUNDS.rssMb} MB, heap ${BOUNDS.heapMb} MB, fds ${BOUNDS.fds}`);
  log(failures.length === 0 ? "PASS" : `FAIL:\n- ${failures.join("\n- ")}`);
}
process.exit(failures.length === 0 ? 0 : 1);
