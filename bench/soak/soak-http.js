#!/usr/bin/env node
// HTTP soak: drives a large number of tool calls through one emitted server
// over Streamable HTTP, with sessions opened and closed all along, and watches
// its memory, file descriptors and session table for growth.
//
//   node bench/soak/soak-http.js [--calls 200000] [--clients 16] [--calls-per-session 20]
//                                [--max-rss-growth-mb 48] [--max-heap-growth-mb 8] [--max-fd-growth 8]
//
// The server is fixtures/servers/faults compiled into .out/soak-http and run with
// --expose-gc --http --port 0 and a short session idle timeout. Each client
// loops: initialize a session, send notifications/initialized, make
// --calls-per-session calls from the same mix as the stdio soak (results,
// thrown errors, rejections, invalid arguments, unknown tools, unhandled
// rejections), then DELETE the session, except one session in 8, which is
// abandoned for the idle reaper. Samples: RSS and open fds from /proc/PID,
// heap after a forced GC (the memory_usage tool, in a session of its own).
// Growth is measured from the first sample after warm-up (10% of the calls)
// to the last; at the end the session table must drain to 0 through the
// reaper. Every call must be answered exactly once with HTTP 200.
import { spawn } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { buildFaultsServer, CALL_MIX, growthAfterWarmUp, option, processSample, readBounds } from "./shared.js";


const CALLS = option("calls", 200_000);
const CLIENTS = option("clients", 16);
const PER_SESSION = option("calls-per-session", 20);
const IDLE_TIMEOUT_MS = 1000;
const BOUNDS = readBounds(8);
const SAMPLES = 20;
const JSON_OUT = process.argv.includes("--json");

const log = (line) => {
  if (!JSON_OUT) process.stdout.write(`${line}\n`);
};

const serverPath = await buildFaultsServer("soak-http");

const child = spawn(process.execPath, ["--expose-gc", serverPath, "--http", "--port", "0", "--session-idle-timeout", String(IDLE_TIMEOUT_MS)], {
  stdio: ["ignore", "ignore", "pipe"],
});
let stderrBytes = 0;
let exited;
child.on("exit", (code, signal) => (exited = { code, signal }));
const url = await new Promise((resolve, reject) => {
  let text = "";
  child.stderr.on("data", (chunk) => {
    stderrBytes += chunk.length;
    if (text.length < 4096) {
      text += chunk.toString("utf8");
      const match = /mcpc: listening on (\S+)/.exec(text);
      if (match) resolve(match[1]);
    }
  });
  child.once("exit", () => reject(new Error(`the server exited before listening:\n${text}`)));
});
const healthUrl = url.slice(0, url.lastIndexOf("/")) + "/health";

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 2 });
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

function send(method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("no answer within 30 s")));
    req.on("error", reject);
    req.end(body);
  });
}

/** The JSON-RPC messages of a POST's answer, JSON or SSE. */
function messagesOf(answer) {
  if (String(answer.headers["content-type"]).startsWith("text/event-stream")) {
    return answer.body
      .split("\n")
      .filter((l) => l.startsWith("data:") && l.length > 5)
      .map((l) => JSON.parse(l.slice(5)));
  }
  const parsed = JSON.parse(answer.body);
  return Array.isArray(parsed) ? parsed : [parsed];
}

async function openSession() {
  const init = await send(
    "POST",
    HEADERS,
    JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "soak", version: "1" } } }),
  );
  if (init.status !== 200) throw new Error(`initialize answered ${init.status}: ${init.body}`);
  const session = { ...HEADERS, "mcp-session-id": init.headers["mcp-session-id"], "mcp-protocol-version": "2025-11-25" };
  const initialized = await send("POST", session, JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
  if (initialized.status !== 202) throw new Error(`notifications/initialized answered ${initialized.status}`);
  return session;
}

let answered = 0;
let sent = 0;
let sessionsOpened = 0;
let sessionsDeleted = 0;
const failures = [];

/** One answered call: HTTP 200 carrying exactly one response, to this id. */
async function call(session, id, params) {
  const answer = await send("POST", session, JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params }));
  const responses = answer.status === 200 ? messagesOf(answer).filter((m) => m.id !== undefined) : [];
  if (responses.length !== 1 || responses[0].id !== id) {
    if (failures.length < 10) failures.push(`call ${id}: HTTP ${answer.status}, ${answer.body.slice(0, 200)}`);
    return undefined;
  }
  answered++;
  return responses[0];
}

async function client(goal) {
  while (sent < goal && exited === undefined && failures.length === 0) {
    const session = await openSession();
    const number = ++sessionsOpened;
    for (let i = 0; i < PER_SESSION && sent < goal; i++) {
      const id = sent++;
      await call(session, id, CALL_MIX[id % CALL_MIX.length]);
    }
    if (number % 8 !== 0) {
      const closed = await send("DELETE", { "mcp-session-id": session["mcp-session-id"] });
      if (closed.status !== 200) failures.push(`DELETE answered ${closed.status}`);
      sessionsDeleted++;
    }
  }
}

async function sample(calls) {
  const { rssMb, fds } = processSample(child.pid);
  const session = await openSession();
  const usage = messagesOf(await send("POST", session, JSON.stringify({ jsonrpc: "2.0", id: "usage", method: "tools/call", params: { name: "memory_usage", arguments: {} } })))[0];
  await send("DELETE", { "mcp-session-id": session["mcp-session-id"] });
  return { calls, rssMb, heapMb: usage.result.structuredContent.heapUsed / 1024 / 1024, fds };
}

async function sessionsOpen() {
  const res = await fetch(healthUrl);
  return (await res.json()).sessions;
}

const started = performance.now();
const samples = [await sample(0)];
log(`soak-http: ${CALLS} calls, ${CLIENTS} clients, ${PER_SESSION} calls per session, server pid ${child.pid}, ${url}`);
log("     calls    rss MB   heap MB   fds  sessions");
const show = (s) =>
  log(`${String(s.calls).padStart(10)} ${s.rssMb.toFixed(1).padStart(9)} ${s.heapMb.toFixed(2).padStart(9)} ${String(s.fds).padStart(5)} ${String(s.sessions ?? "").padStart(9)}`);
show(samples[0]);

const slice = Math.max(1, Math.floor(CALLS / SAMPLES));
let target = 0;
while (target < CALLS && exited === undefined && failures.length === 0) {
  target = Math.min(CALLS, target + slice);
  try {
    await Promise.all(Array.from({ length: CLIENTS }, () => client(target)));
  } catch (error) {
    failures.push(`a client failed: ${error.message}`);
    break;
  }
  if (exited !== undefined) break;
  const s = await sample(answered);
  s.sessions = await sessionsOpen();
  samples.push(s);
  show(s);
}
const seconds = (performance.now() - started) / 1000;

// Abandoned sessions must go: the reaper closes them after the idle timeout.
let leftOpen = await sessionsOpen().catch(() => -1);
for (let waited = 0; leftOpen !== 0 && waited < IDLE_TIMEOUT_MS * 5 && exited === undefined; waited += 100) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  leftOpen = await sessionsOpen().catch(() => -1);
}
agent.destroy();
child.kill("SIGTERM");

const { warm, last, growth, broken } = growthAfterWarmUp(samples, CALLS, BOUNDS);
if (exited !== undefined) failures.push(`the server exited: ${JSON.stringify(exited)}`);
if (answered !== CALLS) failures.push(`${answered} of ${CALLS} calls answered`);
if (leftOpen !== 0) failures.push(`${leftOpen} sessions still open ${IDLE_TIMEOUT_MS * 5} ms after the last call (idle timeout ${IDLE_TIMEOUT_MS} ms)`);
failures.push(...broken);

const report = {
  calls: CALLS,
  answered,
  sessionsOpened,
  sessionsDeleted,
  sessionsAbandoned: sessionsOpened - sessionsDeleted,
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
  log(`\n${answered} calls in ${report.seconds} s (${report.callsPerSecond}/s) over ${sessionsOpened} sessions (${report.sessionsAbandoned} abandoned to the reaper)`);
  log(`growth after warm-up (${warm.calls} calls): RSS ${growth.rssMb.toFixed(1)} MB, heap ${growth.heapMb.toFixed(2)} MB, fds ${growth.fds}`);
  log(`bounds: RSS ${BOUNDS.rssMb} MB, heap ${BOUNDS.heapMb} MB, fds ${BOUNDS.fds}; sessions open at the end: ${leftOpen}`);
  log(failures.length === 0 ? "PASS" : `FAIL:\n- ${failures.join("\n- ")}`);
}
process.exit(failures.length === 0 ? 0 : 1);
