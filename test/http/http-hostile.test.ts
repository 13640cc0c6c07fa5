// Issue 16: one hostile client must not stall the server, exhaust its memory,
// or slip past its limits. Each case reproduces an attack against a real
// emitted server over real HTTP on 127.0.0.1.
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { INITIALIZE_BODY, MCP_HEADERS, connectHttp, rawRequest, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";

let serverPath: string;
const servers: RunningHttpServer[] = [];

async function start(args: string[] = [], env: Record<string, string> = {}): Promise<RunningHttpServer> {
  const server = await startHttpServer(serverPath, args, env);
  servers.push(server);
  return server;
}

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "hostile-http", "tools.ts"), "http-hostile")).serverPath;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

/** Opens a session with a raw initialize; returns the headers later requests need. */
async function openSession(server: RunningHttpServer, extra: Record<string, string> = {}, version = "2025-11-25"): Promise<Record<string, string>> {
  const body = INITIALIZE_BODY.replace('"2025-11-25"', JSON.stringify(version));
  const answer = await rawRequest(server.url, { headers: { ...MCP_HEADERS, ...extra }, body });
  expect(answer.status).toBe(200);
  return { ...MCP_HEADERS, ...extra, "mcp-session-id": String(answer.headers["mcp-session-id"]), "mcp-protocol-version": version };
}

function call(id: number | string, name: string, args: Record<string, unknown>): Record<string, unknown> {
  return { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } };
}

describe("property names of Object.prototype", () => {
  it("optional properties named constructor, toString, hasOwnProperty are judged by what was sent", async () => {
    const server = await start();
    const client = await connectHttp(server.url);
    const none = await client.client.callTool({ name: "tricky", arguments: { options: {} } });
    expect(none.content).toEqual([{ type: "text", text: "[]" }]);
    const some = await client.client.callTool({ name: "tricky", arguments: { options: { constructor: "a", toString: "b", valueOf: 3 } } });
    expect(some.content).toEqual([{ type: "text", text: '["constructor","toString","valueOf"]' }]);
    const wrong = await client.client.callTool({ name: "tricky", arguments: { options: { hasOwnProperty: 1 } } });
    expect(wrong.isError).toBe(true);
    await client.close();
  });
});

/** A POST whose answer is read as it arrives (SSE or JSON), or abandoned mid-way. */
function streamingPost(url: string, headers: Record<string, string>, body: string) {
  let text = "";
  let status = 0;
  const waiters: Array<() => void> = [];
  let ended = false;
  const req = httpRequest(url, { method: "POST", headers }, (res) => {
    status = res.statusCode!;
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      text += chunk;
      for (const wake of waiters.splice(0)) wake();
    });
    res.on("end", () => {
      ended = true;
      for (const wake of waiters.splice(0)) wake();
    });
    res.on("error", () => {});
  });
  req.on("error", () => {});
  req.end(body);
  return {
    get status() {
      return status;
    },
    get text() {
      return text;
    },
    /** Resolves once the answer so far contains `needle` (rejects after `ms`). */
    async waitFor(needle: string, ms = 10_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!text.includes(needle)) {
        if (ended || Date.now() > deadline) throw new Error(`never saw ${needle} in: ${text.slice(0, 500)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    abort(): void {
      req.destroy();
    },
  };
}

async function until(check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function toolText(server: RunningHttpServer, headers: Record<string, string>, id: number, name: string, args: Record<string, unknown>): Promise<string> {
  const answer = await rawRequest(server.url, { headers, body: JSON.stringify(call(id, name, args)) });
  expect(answer.status).toBe(200);
  return ((JSON.parse(answer.body) as { result: { content: Array<{ text: string }> } }).result.content[0]!).text;
}

describe("limits that could be side-stepped", () => {
  it("a client answering a sampling request with \"error\": null gets 202 and the waiting call settles", async () => {
    const server = await start();
    const init = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: { sampling: {} }, clientInfo: { name: "raw", version: "1" } } });
    const opened = await rawRequest(server.url, { headers: MCP_HEADERS, body: init });
    const headers = { ...MCP_HEADERS, "mcp-session-id": String(opened.headers["mcp-session-id"]), "mcp-protocol-version": "2025-11-25" };
    const asking = streamingPost(server.url, headers, JSON.stringify(call(7, "ask", { prompt: "hi" })));
    await asking.waitFor('"method":"sampling/createMessage"');
    const samplingId = /"id":("mcpc-\d+")/.exec(asking.text)![1]!;
    const answer = await rawRequest(server.url, { headers, body: `{"jsonrpc":"2.0","id":${samplingId},"error":null}` });
    expect(answer.status).toBe(202);
    await asking.waitFor('"id":7,"result"', 5000);
    expect(asking.text).toContain('"isError":true');
  });

  it("--host 127.0.0.2 accepts its own address in the Host header", async () => {
    const server = await start(["--host", "127.0.0.2"]);
    const answer = await rawRequest(server.url, { headers: { ...MCP_HEADERS, host: `127.0.0.2:${server.port}` }, body: INITIALIZE_BODY });
    expect(answer.status).toBe(200);
  });

  it("caps the subscriptions one session holds", async () => {
    const server = await start();
    // Batches make the thousand subscriptions quick to send; 2025-03-26 is the last version that has them.
    const headers = await openSession(server, {}, "2025-03-26");
    const batch = (from: number) => JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ jsonrpc: "2.0", id: from + i, method: "resources/subscribe", params: { uri: `status://x${from + i}` } })));
    for (let from = 0; from < 1000; from += 100) {
      const answer = await rawRequest(server.url, { headers, body: batch(from) });
      expect(answer.body).not.toContain("error");
    }
    const over = await rawRequest(server.url, { headers, body: batch(1000) });
    const answers = JSON.parse(over.body) as Array<{ error?: { message: string } }>;
    expect(answers.every((a) => a.error?.message.includes("Too many subscriptions"))).toBe(true);
    const long = await rawRequest(server.url, { headers, body: JSON.stringify({ jsonrpc: "2.0", id: 5000, method: "resources/unsubscribe", params: { uri: "status://x0" } }) });
    expect(long.body).toContain('"result"');
    const again = await rawRequest(server.url, { headers, body: JSON.stringify({ jsonrpc: "2.0", id: 5001, method: "resources/subscribe", params: { uri: "status://new" } }) });
    expect(again.body).toContain('"result"');
  });

  it("rate-limits the verified token, whatever the Authorization header's spelling", async () => {
    const server = await start(["--rate-limit", "5/minute"], { MCPC_AUTH_TOKEN: "tok-123" });
    const spellings = ["Bearer tok-123", "bearer tok-123", "BEARER tok-123", "Bearer   tok-123", " Bearer tok-123 ", "bEaRer tok-123"];
    let admitted = 0;
    for (let i = 0; i < 20; i++) {
      const answer = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: spellings[i % spellings.length]! }, body: INITIALIZE_BODY });
      if (answer.status === 200) admitted++;
      else expect(answer.status).toBe(429);
    }
    expect(admitted).toBe(5);
  });

  it("--trust-proxy tells clients behind a proxy apart by X-Forwarded-For, and only as far as trusted", async () => {
    const hops = await start(["--rate-limit", "2/minute", "--trust-proxy", "1"]);
    const statuses = async (server: RunningHttpServer, forwarded: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await rawRequest(server.url, { headers: { ...MCP_HEADERS, "x-forwarded-for": forwarded }, body: INITIALIZE_BODY })).status);
      return out;
    };
    expect(await statuses(hops, "203.0.113.1", 3)).toEqual([200, 200, 429]);
    // Another client behind the same proxy has its own bucket.
    expect(await statuses(hops, "203.0.113.2", 2)).toEqual([200, 200]);
    // A client writing its own X-Forwarded-For entry further left is not believed beyond one hop.
    expect(await statuses(hops, "198.51.100.9, 203.0.113.1", 1)).toEqual([429]);
    const cidr = await start(["--rate-limit", "2/minute", "--trust-proxy", "127.0.0.0/8"]);
    expect(await statuses(cidr, "198.51.100.7", 3)).toEqual([200, 200, 429]);
    expect(await statuses(cidr, "198.51.100.8", 1)).toEqual([200]);
    // Without --trust-proxy the header is ignored: everything is 127.0.0.1.
    const plain = await start(["--rate-limit", "2/minute"]);
    expect(await statuses(plain, "198.51.100.1", 1)).toEqual([200]);
    expect(await statuses(plain, "198.51.100.2", 2)).toEqual([200, 429]);
  });

  it("answers Expect: 100-continue with 413 when the declared body is over the limit, never 100", async () => {
    const server = await start(["--max-body-bytes", "1000"]);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST /mcp HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\ncontent-length: 5000\r\nexpect: 100-continue\r\n\r\n`,
        );
      });
      let got = "";
      socket.on("data", (chunk) => {
        got += chunk.toString();
        if (got.includes("\r\n\r\n")) {
          socket.destroy();
          resolve(got);
        }
      });
      socket.on("error", reject);
    });
    expect(reply.startsWith("HTTP/1.1 413")).toBe(true);
    const small = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST /mcp HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\ncontent-length: ${Buffer.byteLength(INITIALIZE_BODY)}\r\nexpect: 100-continue\r\n\r\n`,
        );
      });
      let got = "";
      socket.on("data", (chunk) => {
        got += chunk.toString();
        if (got.startsWith("HTTP/1.1 100")) {
          socket.write(INITIALIZE_BODY);
          got = "";
        } else if (got.includes('"result"')) {
          socket.destroy();
          resolve(got);
        }
      });
      socket.on("error", reject);
    });
    expect(small.startsWith("HTTP/1.1 200")).toBe(true);
  });

  it("answers /health with 503 while shutting down", async () => {
    const server = await start(["--shutdown-grace", "3000"]);
    const headers = await openSession(server);
    const sleeping = streamingPost(server.url, headers, JSON.stringify(call(2, "sleep", { ms: 1500 })));
    await until(async () => (await server.health()).inFlight === 1);
    server.process.kill("SIGTERM");
    await until(() => server.stderr().includes("SIGTERM received"));
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { status: string }).status).toBe("stopping");
    await sleeping.waitFor('"id":2,"result"', 5000);
    expect(await server.exited).toBe(0);
  });

  it("a client that disconnects cancels its calls, and the same id again gets its own answer", async () => {
    const server = await start();
    const headers = await openSession(server);
    const first = streamingPost(server.url, headers, JSON.stringify(call(9, "sleep", { ms: 1000 })));
    await until(async () => (await server.health()).inFlight === 1);
    first.abort();
    await until(async () => (await server.health()).inFlight === 0, 3000);
    expect(await toolText(server, headers, 10, "cancellation_count", {})).toBe("1");
    const second = await toolText(server, headers, 9, "sleep", { ms: 1200 });
    expect(second).toBe("slept 1200 ms (request 9)");
  });
});

/** The server process's resident set, in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Sends a raw POST on its own socket and never reads the answer; resolves the socket once the request is written. */
function unreadPost(port: number, headers: Record<string, string>, body: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      const head = Object.entries({ ...headers, host: `127.0.0.1:${port}`, "content-length": String(Buffer.byteLength(body)) })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      socket.write(`POST /mcp HTTP/1.1\r\n${head}\r\n${body}`, () => resolve(socket));
    });
    socket.pause();
    socket.on("error", reject);
  });
}

describe("memory: nothing grows without a bound", () => {
  it("sessions stuck on calls that never settle do not lock new clients out", async () => {
    const server = await start(["--max-sessions", "3", "--timeout", "0", "--session-idle-timeout", "800"]);
    for (let i = 0; i < 3; i++) {
      const headers = await openSession(server);
      streamingPost(server.url, headers, JSON.stringify({ jsonrpc: "2.0", id: 2, method: "resources/read", params: { uri: "hang://x" } }));
    }
    await until(async () => (await server.health()).inFlight === 3);
    expect((await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY })).status).toBe(503);
    // Within the bound (here the idle timeout, as calls have none), a new client gets in.
    await until(async () => (await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY })).status === 200, 5000);
  });

  it("bounds a batch's total answer: what passes the bound is answered with an error, never RangeError", async () => {
    const server = await start(["--stateless"], { MCPC_MAX_RESULT_BYTES: "1000000" });
    const batch = JSON.stringify(Array.from({ length: 100 }, (_, i) => call(i, "big", { kb: 300 })));
    const answer = await rawRequest(server.url, { headers: MCP_HEADERS, body: batch });
    expect(answer.status).toBe(200);
    const answers = JSON.parse(answer.body) as Array<{ id: number; result?: unknown; error?: { message: string } }>;
    expect(answers.map((a) => a.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const answered = answers.filter((a) => a.result !== undefined).length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThanOrEqual(6);
    expect(answers.filter((a) => a.error?.message.includes("fewer requests in one batch")).length).toBe(100 - answered);
    expect(answer.body.length).toBeLessThanOrEqual(2_000_000 + 100 * 300);
  });

  it("echoes integer ids beyond 2^53 exactly, alone and in a batch", async () => {
    const server = await start();
    const headers = await openSession(server, {}, "2025-03-26");
    const single = await rawRequest(server.url, { headers, body: '{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}' });
    expect(single.body).toContain('"id":9007199254740993,');
    const batch = await rawRequest(server.url, {
      headers,
      body: '[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"ping","params":{"id":5},"id":18446744073709551617},{"jsonrpc":"2.0","id":18446744073709551616,"method":"ping"}]',
    });
    expect(batch.status).toBe(200);
    // Both would be 18446744073709552000 after JSON.parse, one id for two requests.
    expect(batch.body).toContain('"id":18446744073709551617,');
    expect(batch.body).toContain('"id":18446744073709551616,');
    expect(batch.body).toContain('"id":1,');
  });

  it("refuses a body of more JSON values than the bound before parsing it", async () => {
    const server = await start(["--stateless"]);
    const answer = await rawRequest(server.url, { headers: MCP_HEADERS, body: JSON.stringify(call(1, "sum", { values: Array.from({ length: 100_001 }, () => 0) })) });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("more than 100000 JSON values");
    const fits = await rawRequest(server.url, { headers: MCP_HEADERS, body: JSON.stringify(call(2, "sum", { values: Array.from({ length: 90_000 }, () => 1) })) });
    expect(fits.body).toContain("90000");
  });

  it("answers arguments with thousands of faults with the first few, in a small answer", async () => {
    const server = await start(["--stateless"]);
    const answer = await rawRequest(server.url, { headers: MCP_HEADERS, body: JSON.stringify(call(1, "sum", { values: Array.from({ length: 50_000 }, () => "x") })) });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeLessThan(5000);
    expect(answer.body).toContain("more issues");
  });

  it("closes connections whose client stops reading, bounds the answers they hold, and caps open connections", async () => {
    const server = await start(["--stateless", "--write-timeout", "1500", "--max-connections", "60"]);
    const before = rssMb(server.process.pid!);
    const sockets = await Promise.all(Array.from({ length: 40 }, (_, i) => unreadPost(server.port, MCP_HEADERS, JSON.stringify(call(i, "big", { kb: 7000 })))));
    const cut = (): number => [...server.stderr().matchAll(/closed (\d+) connections? whose client stopped reading/g)].reduce((n, m) => n + Number(m[1]), 0);
    await until(() => cut() >= 40, 25_000);
    // The client sees each end once it reads again.
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => (s.once("close", () => resolve()), s.resume()))));
    // The unread answers (280 MB of them) are not all kept: V8 need not hand
    // freed memory back at once, so this is a loose bound on what stays.
    await until(() => rssMb(server.process.pid!) < before + 400, 10_000);
    const client = await connectHttp(server.url);
    expect((await client.client.callTool({ name: "big", arguments: { kb: 1 } })).isError).toBeFalsy();
    await client.close();
    // The connection cap: 60 idle sockets fill it, the 61st is closed at once.
    const idle = await Promise.all(Array.from({ length: 60 }, () => new Promise<Socket>((resolve) => { const s = connect(server.port, "127.0.0.1", () => resolve(s)); s.on("error", () => {}); })));
    const refused = await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    for (const s of idle) s.destroy();
    await until(async () => (await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY }).catch(() => ({ status: 0 }))).status === 200, 5000);
  }, 60_000);
});
