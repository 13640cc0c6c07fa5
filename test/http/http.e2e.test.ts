// The HTTP fixture compiled by mcpc, served with --http, driven by the SDK's
// Client over its StreamableHTTPClientTransport on 127.0.0.1.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { INITIALIZE_BODY, connectHttp, type HttpClient, MCP_HEADERS, rawRequest, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";

let serverPath: string;
let outDir: string;
let server: RunningHttpServer;
let http: HttpClient;

beforeAll(async () => {
  const built = await buildFixture(join(FIXTURES, "http", "tools.ts"), "http-e2e");
  serverPath = built.serverPath;
  outDir = built.outDir;
  server = await startHttpServer(serverPath);
  http = await connectHttp(server.url);
});

afterAll(async () => {
  await http?.close();
  await server?.stop();
});

const text = (result: unknown): string => (result as { content: Array<{ text: string }> }).content[0]!.text;

describe("Streamable HTTP, stateful", () => {
  it("prints the listening line on stderr and binds loopback by default", () => {
    expect(server.stderr()).toMatch(/^mcpc: listening on http:\/\/127\.0\.0\.1:\d+\/mcp$/m);
  });

  it("lists exactly the tools in manifest.json and calls them", async () => {
    const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
    const listed = await http.client.listTools();
    expect(listed.tools).toEqual(manifest.tools);
    const sum = await http.client.callTool({ name: "add", arguments: { a: 2, b: 40 } });
    expect(sum.structuredContent).toEqual({ result: 42 });
    const invalid = await http.client.callTool({ name: "add", arguments: { a: "two" } });
    expect(invalid.isError).toBe(true);
    expect(text(invalid)).toContain("Invalid arguments for tool 'add'");
  });

  it("gives a session id on initialize and requires it afterwards", async () => {
    expect(http.transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await rawRequest(server.url, { headers: MCP_HEADERS, body: JSON.stringify({ jsonrpc: "2.0", id: 5, method: "tools/list" }) });
    expect(missing.status).toBe(400);
    const unknown = await rawRequest(server.url, {
      headers: { ...MCP_HEADERS, "mcp-session-id": "00000000-0000-0000-0000-000000000000" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 5, method: "tools/list" }),
    });
    expect(unknown.status).toBe(404);
  });

  it("answers a plain call with a JSON body and a call that reports progress with an SSE stream", async () => {
    const headers = { ...MCP_HEADERS, "mcp-session-id": http.transport.sessionId!, "mcp-protocol-version": "2025-11-25" };
    const plain = await rawRequest(server.url, {
      headers,
      body: JSON.stringify({ jsonrpc: "2.0", id: 70, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } }),
    });
    expect(plain.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(plain.body)).toMatchObject({ id: 70, result: { structuredContent: { result: 3 } } });
    const notification = await rawRequest(server.url, { headers, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) });
    expect(notification.status).toBe(202);
  });

  it("streams logging and progress notifications during a call, before its result", async () => {
    const logs: LoggingMessageNotification["params"][] = [];
    http.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
    const progress: number[] = [];
    const result = await http.client.callTool({ name: "count_slowly", arguments: { steps: 3, delayMs: 10 } }, CallToolResultSchema, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(text(result)).toBe("counted to 3");
    expect(progress).toEqual([1, 2, 3]);
    expect(logs.map((l) => l.data)).toEqual(["step 1 of 3", "step 2 of 3", "step 3 of 3"]);
  });

  it("cancels a call when the client aborts it, and ends its stream", async () => {
    const controller = new AbortController();
    const call = http.client.callTool({ name: "wait_for_cancel", arguments: {} }, CallToolResultSchema, { signal: controller.signal });
    await poll(async () => (await server.health()).inFlight === 1);
    controller.abort("changed my mind");
    await expect(call).rejects.toThrow();
    await poll(async () => (await server.health()).inFlight === 0);
    // The session is still usable.
    expect((await http.client.callTool({ name: "add", arguments: { a: 1, b: 1 } })).structuredContent).toEqual({ result: 2 });
  });

  it("lets a tool ask the client for sampling on the call's stream", async () => {
    const sampler = await connectHttp(server.url, { capabilities: { sampling: {} } });
    const prompts: string[] = [];
    sampler.client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
      prompts.push((request.params.messages[0]!.content as { text: string }).text);
      return { role: "assistant", content: { type: "text", text: "forty-two" }, model: "test-model" };
    });
    const result = await sampler.client.callTool({ name: "ask_model", arguments: { prompt: "meaning of life?" } });
    expect(text(result)).toBe("model said: forty-two");
    expect(prompts).toEqual(["meaning of life?"]);
    await sampler.close();
  });

  it("masks the message of an unexpected exception", async () => {
    const result = await http.client.callTool({ name: "explode", arguments: {} });
    expect(result.isError).toBe(true);
    expect(text(result)).toBe("Tool 'explode' failed");
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(server.stderr()).toContain("hunter2");
  });

  it("ends a session on DELETE: later requests get 404", async () => {
    const other = await connectHttp(server.url);
    const before = (await server.health()).sessions;
    const sessionId = other.transport.sessionId!;
    await other.transport.terminateSession();
    expect((await server.health()).sessions).toBe(before - 1);
    const after = await rawRequest(server.url, {
      headers: { ...MCP_HEADERS, "mcp-session-id": sessionId },
      body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list" }),
    });
    expect(after.status).toBe(404);
    // The SDK client forgot the id: it gets 400 (no session id) rather than silently starting over.
    const error = await other.client.listTools().catch((e: unknown) => e);
    expect((error as StreamableHTTPError).code).toBe(400);
    await other.close();
  });

  it("serves health without Host check or token", async () => {
    const response = await rawRequest(server.url.replace("/mcp", "/health"), { method: "GET", headers: { host: "10.0.0.7:8080" } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: "ok", sessions: expect.any(Number), inFlight: 0 });
  });
});

describe("Streamable HTTP, stateless", () => {
  it("lets two instances answer alternating requests of one client", async () => {
    const a = await startHttpServer(serverPath, ["--stateless"]);
    const b = await startHttpServer(serverPath, ["--stateless"]);
    try {
      // A round-robin "load balancer": every request goes to the next instance.
      const ports = [a.port, b.port];
      let next = 0;
      const roundRobin: typeof fetch = (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        url.port = String(ports[next++ % 2]);
        return fetch(url, init);
      };
      const client = await connectHttp(a.url, { fetch: roundRobin });
      expect(client.transport.sessionId).toBeUndefined();
      const pids = new Set<number>();
      for (let i = 0; i < 4; i++) {
        const result = await client.client.callTool({ name: "whoami", arguments: {} });
        pids.add((result.structuredContent as { pid: number }).pid);
      }
      expect(pids).toEqual(new Set([a.process.pid, b.process.pid]));
      expect((await client.client.listTools()).tools.length).toBe(6);
      // The client's answer could reach the other instance: refused at once, not after a timeout.
      const sampling = await client.client.callTool({ name: "ask_model", arguments: { prompt: "hi" } });
      expect(sampling.isError).toBe(true);
      expect(text(sampling)).toContain("stateless");
      const progress: number[] = [];
      const started = Date.now();
      const counted = await client.client.callTool({ name: "count_slowly", arguments: { steps: 2, delayMs: 5 } }, CallToolResultSchema, {
        onprogress: (p) => progress.push(p.progress),
      });
      expect(text(counted)).toBe("counted to 2");
      expect(progress).toEqual([1, 2]);
      // No ping round trip before the answer (the pong could not come back here; waiting for it costs 1 s).
      expect(Date.now() - started).toBeLessThan(900);
      expect((await a.health()).sessions).toBe(0);
      await client.close();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe("SSE keep-alive", () => {
  it("sends comment lines on an idle stream so proxies keep it open", async () => {
    const own = await startHttpServer(serverPath, ["--keep-alive", "100"]);
    try {
      const init = await rawRequest(own.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY });
      const sessionId = init.headers["mcp-session-id"] as string;
      const received = await new Promise<string>((resolve, reject) => {
        const req = httpRequest(own.url, { method: "GET", headers: { accept: "text/event-stream", "mcp-session-id": sessionId } }, (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers["content-type"]).toBe("text/event-stream");
          let data = "";
          res.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
          setTimeout(() => {
            req.destroy();
            resolve(data);
          }, 450);
        });
        req.on("error", reject);
        req.end();
      });
      expect(received.match(/^: keep-alive\n\n/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    } finally {
      await own.stop();
    }
  });
});

describe("graceful shutdown", () => {
  it("finishes a call in flight on SIGTERM, refuses new work, and exits 0", async () => {
    const own = await startHttpServer(serverPath, ["--shutdown-grace", "5000"]);
    const client = await connectHttp(own.url);
    let sawProgress!: () => void;
    const progressed = new Promise<void>((resolve) => (sawProgress = resolve));
    const call = client.client.callTool({ name: "count_slowly", arguments: { steps: 6, delayMs: 100 } }, CallToolResultSchema, {
      onprogress: () => sawProgress(),
    });
    await progressed;
    own.process.kill("SIGTERM");
    await poll(async () => own.stderr().includes("SIGTERM received"));
    const refused = await rawRequest(own.url, { headers: MCP_HEADERS, body: "{}" }).catch((e: Error) => e);
    expect(refused instanceof Error || refused.status === 503).toBe(true);
    expect(text(await call)).toBe("counted to 6");
    expect(await own.exited).toBe(0);
    expect(own.stderr()).toContain("mcpc: stopped");
  });
});

async function poll(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
