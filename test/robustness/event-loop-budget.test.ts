// Issue 16: with default limits, no single request may hold a server's event
// loop for more than 100 ms. A server built from fixtures/servers/worst-shapes
// gets the most expensive requests we know of, each as large as the default
// limits let it be (4 MiB body, 100,000 JSON values), while /health is polled.
//
// How the bound is measured: on a machine shared with other work, wall-clock
// latency mostly measures the neighbours (a 100 ms threshold on /health would
// flake). What a request costs the event loop is the CPU time the server's
// main thread spends on it: the kernel counts it per thread
// (/proc/PID/task/PID/schedstat, nanoseconds on the CPU, excluding GC helper
// and libuv threads), and waiting for a core does not add to it. Its total
// over a request bounds every synchronous stretch of that request from above.
// Each input is sent five times and the least is taken, so a stray
// interruption (a page fault storm, a neighbour thrashing the cache) does not
// decide. /health latency is recorded as well and must stay far below the
// seconds the unbounded server took; the figures go to RELIABILITY.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MCP_HEADERS, rawRequest, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { jsonValuesIn } from "../helpers/fuzz-arbitraries.js";
import { OUT } from "../helpers/paths.js";
import { buildSample, sampleDir } from "../helpers/samples.js";

const BUDGET_MS = 100;
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_VALUES = 100_000;

let server: RunningHttpServer;
let headers: Record<string, string>;

beforeAll(async () => {
  const { outDir } = await buildSample(sampleDir("servers", "worst-shapes"), join(OUT, "event-loop-budget"));
  server = await startHttpServer(join(outDir, "server.js"));
  // 2025-03-26: the last version with batches.
  const init = await rawRequest(server.url, {
    freshConnection: true,
    headers: MCP_HEADERS,
    body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-03-26", capabilities: {}, clientInfo: { name: "budget", version: "1" } } }),
  });
  expect(init.status).toBe(200);
  headers = { ...MCP_HEADERS, "mcp-session-id": String(init.headers["mcp-session-id"]), "mcp-protocol-version": "2025-03-26" };
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** Nanoseconds the server's main thread has spent on a CPU, as milliseconds. */
function mainThreadCpuMs(): number {
  const pid = server.process.pid!;
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
}

function call(id: number, name: string, args: string): string {
  return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"${name}","arguments":${args}}}`;
}

/** Text of `n` items made by `item`, comma-separated. */
function list(n: number, item: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(item(i));
  return parts.join(",");
}

/** The worst inputs found, each at the default limits (sizes checked below). */
function worstInputs(): Array<{ name: string; body: string; expect: RegExp }> {
  const pad = "x".repeat(300);
  return [
    // uniqueItems over object rows: every row distinct but the last, long names to fill the body.
    { name: "uniqueItems: 12,000 distinct rows, the last a duplicate", body: call(1, "distinct_rows", `{"rows":[${list(12_000, (i) => `{"id":${i % 11_999},"name":"${pad}${i % 11_999}","tags":["a"]}`)}]}`), expect: /duplicate items/ },
    { name: "uniqueItems: 12,000 distinct rows", body: call(1, "distinct_rows", `{"rows":[${list(12_000, (i) => `{"tags":["a"],"name":"${pad}${i}","id":${i}}`)}]}`), expect: /12000/ },
    // Errors on every item: 100,000 strings into a number[] | string[] both fail on the last item.
    { name: "anyOf of arrays: 99,900 items, an error in every branch", body: call(1, "count_mixed", `{"values":[${list(99_900, (i) => (i % 2 === 0 ? "1" : '"s"'))}]}`), expect: /Invalid arguments/ },
    { name: "anyOf of arrays: 99,900 strings (the number branch fails on each)", body: call(1, "count_mixed", `{"values":[${list(99_900, () => '"s"')}]}`), expect: /99900/ },
    // Objects with every property wrong: thousands of errors.
    { name: "allErrors: 3,000 wide objects of wrong types", body: call(1, "count_wide", `{"items":[${list(3_000, () => `{${list(16, (p) => `"p${p}":"${p}"`)}}`)}]}`), expect: /at least/ },
    { name: "allErrors: 49,000 empty objects", body: call(1, "count_wide", `{"items":[${list(49_000, () => "{}")}]}`), expect: /at least/ },
    // One object of 49,000 members (JSON.parse makes it a dictionary).
    { name: "an object of 49,000 unknown members", body: call(1, "count_wide", `{"items":[{${list(49_000, (i) => `"k${i}":${i}`)}}]}`), expect: /unknown property/ },
    // Deep nesting: a recursive schema, and arrays under _meta.
    { name: "a tree 19,000 levels deep", body: call(1, "count_nodes", `{"tree":${'{"label":"n","children":['.repeat(19_000)}{"label":"leaf"}${"]}".repeat(19_000)}}`), expect: /nested too deeply|19001/ },
    { name: "arrays 99,000 deep", body: `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"_meta":{"x":${"[".repeat(99_000)}${"]".repeat(99_000)}}}}`, expect: /"result"/ },
    // A long string against a pattern, matching and failing at its last character.
    { name: "a 4 MB string matched by @pattern", body: call(1, "text_length", `{"text":"${"ab cd ".repeat(Math.floor((MAX_BODY_BYTES - 200) / 6))}"}`), expect: /"result"/ },
    { name: "a 4 MB string that fails @pattern at its end", body: call(1, "text_length", `{"text":"${"ab cd ".repeat(Math.floor((MAX_BODY_BYTES - 200) / 6))}9"}`), expect: /must match pattern/ },
    // A 4 MB string of escapes (each decoded by JSON.parse).
    { name: "a 4 MB string of \\u escapes", body: call(1, "text_length", `{"text":"${"\\u0041".repeat(Math.floor((MAX_BODY_BYTES - 200) / 6))}"}`), expect: /"result"/ },
    // A batch of 100 tools/list, each answer serialised and shaped.
    { name: "a batch of 100 tools/list", body: `[${list(100, (i) => `{"jsonrpc":"2.0","id":${i + 1},"method":"tools/list"}`)}]`, expect: /"tools"/ },
    // Over the value bound: refused by the scan before JSON.parse.
    { name: "4 MB of [] (refused before parsing)", body: `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":[${list(Math.floor((MAX_BODY_BYTES - 100) / 3), () => "[]")}]}}`, expect: /more than 100000 JSON values/ },
    { name: "4 MB of one long string, then 100,001 values (refused after a full scan)", body: `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"s":"${"x".repeat(MAX_BODY_BYTES - 400_000)}","x":[${"0,".repeat(MAX_VALUES)}0]}}`, expect: /more than 100000 JSON values/ },
  ];
}

describe("the event-loop budget under the worst inputs", () => {
  it(`no request costs the main thread more than ${BUDGET_MS} ms, and /health stays answered`, async () => {
    const inputs = worstInputs();
    for (const input of inputs) {
      expect(Buffer.byteLength(input.body), input.name).toBeLessThanOrEqual(MAX_BODY_BYTES);
      // Within the value bound (so parsed and validated) unless meant to be refused.
      const refused = /refused/.test(input.name);
      expect(jsonValuesIn(input.body) > MAX_VALUES, input.name).toBe(refused);
    }

    // /health latency, polled one after another throughout.
    const healthUrl = `${server.url.slice(0, server.url.lastIndexOf("/"))}/health`;
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const start = performance.now();
        await rawRequest(healthUrl, { method: "GET", freshConnection: true });
        latencies.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const baseline = [...latencies];
    latencies.length = 0;

    const costs: Array<{ name: string; cpuMs: number; wallMs: number }> = [];
    for (const input of inputs) {
      let cpuMs = Infinity;
      let wallMs = Infinity;
      for (let round = 0; round < 5; round++) {
        const before = mainThreadCpuMs();
        const start = performance.now();
        const answer = await rawRequest(server.url, { headers, body: input.body, freshConnection: true });
        wallMs = Math.min(wallMs, performance.now() - start);
        cpuMs = Math.min(cpuMs, mainThreadCpuMs() - before);
        expect(answer.body, input.name).toMatch(input.expect);
      }
      costs.push({ name: input.name, cpuMs, wallMs });
    }
    polling = false;
    await poller;

    const worstHealth = Math.max(...latencies);
    const report = [
      `/health latency: baseline max ${Math.max(...baseline).toFixed(1)} ms (median ${median(baseline).toFixed(1)}), under attack max ${worstHealth.toFixed(1)} ms (median ${median(latencies).toFixed(1)})`,
      ...costs.map((c) => `${c.cpuMs.toFixed(1).padStart(7)} ms CPU ${c.wallMs.toFixed(0).padStart(6)} ms wall  ${c.name}`),
    ].join("\n");
    process.stderr.write(`event-loop budget:\n${report}\n`);
    for (const cost of costs) expect(cost.cpuMs, `${cost.name}\n${report}`).toBeLessThan(BUDGET_MS);
    // The unbounded server blocked for seconds (uniqueItems 6.85 s, allErrors about 4 s): a loose
    // bound that holds on a loaded machine yet fails on any such stall.
    expect(worstHealth, report).toBeLessThan(Math.max(...baseline) + 1500);
    expect(server.process.exitCode).toBeNull();
  }, 300_000);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
