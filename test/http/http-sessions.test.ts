// Session lifetime over HTTP: idle sessions are reaped, the table is capped,
// and a busy session is never reaped under a call in flight.
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import type { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { INITIALIZE_BODY, MCP_HEADERS, memoryProbeArgs, connectHttp, rawRequest, startHttpServer, type HttpClient, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";

let serverPath: string;
const servers: RunningHttpServer[] = [];

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "http", "tools.ts"), "http-sessions")).serverPath;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function start(args: string[]): Promise<RunningHttpServer> {
  const server = await startHttpServer(serverPath, args);
  servers.push(server);
  return server;
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The reaper's "mcpc: closed N idle session(s) (M open)" lines, in order. */
function reapLog(stderr: string): Array<{ closed: number; open: number }> {
  return [...stderr.matchAll(/mcpc: closed (\d+) idle sessions? \((\d+) open\)/g)].map((m) => ({ closed: Number(m[1]), open: Number(m[2]) }));
}

describe("session reaping", () => {
  it("closes sessions left idle past --session-idle-timeout, and keeps busy ones", async () => {
    // Long enough that creating the sessions on a loaded machine does not outlast it.
    const server = await start(["--session-idle-timeout", "4000"]);
    // Probes that initialize and walk away, plus SDK clients that never DELETE.
    for (let i = 0; i < 30; i++) expect((await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY })).status).toBe(200);
    const clients: HttpClient[] = [];
    for (let i = 0; i < 5; i++) clients.push(await connectHttp(server.url));
    expect((await server.health()).sessions).toBe(35);

    // One client stays busy with a call longer than the idle timeout.
    const busy = await connectHttp(server.url);
    const call = busy.client.callTool({ name: "count_slowly", arguments: { steps: 30, delayMs: 200 } }, CallToolResultSchema, {
      onprogress: () => {},
    });
    await until(async () => (await server.health()).sessions === 1, 10_000);
    // The log line travels through the child's stderr pipe and can trail the
    // session count, so wait for the sweep that left only the busy session.
    // A timeout here falls through to the assertions, which then say what was logged.
    await until(async () => reapLog(server.stderr()).some((line) => line.open === 1), 10_000).catch(() => {});
    const sweeps = reapLog(server.stderr());
    expect(sweeps.map((line) => line.open), server.stderr()).toContain(1);
    const upToBusyOnly = sweeps.slice(0, sweeps.findIndex((line) => line.open === 1) + 1);
    expect(upToBusyOnly.reduce((sum, line) => sum + line.closed, 0)).toBe(35);
    expect(((await call).content as Array<{ text: string }>)[0]!.text).toBe("counted to 30");

    // A reaped session answers 404, as the spec asks, so the client can start over.
    const gone = await clients[0]!.client.listTools().catch((e: unknown) => e);
    expect((gone as StreamableHTTPError).code).toBe(404);
    await until(async () => (await server.health()).sessions === 0, 10_000);
    for (const client of [...clients, busy]) await client.close();
  });

  it("gives the memory of reaped sessions back", async () => {
    const server = await startHttpServer(serverPath, ["--session-idle-timeout", "1500"], {}, memoryProbeArgs);
    servers.push(server);
    const open = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i += 20) {
        const batch = Array.from({ length: 20 }, () => rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY }));
        for (const response of await Promise.all(batch)) expect(response.status).toBe(200);
      }
    };
    // Warm up first (JIT code, socket buffers), so the baseline holds only what stays.
    await open(200);
    await until(async () => (await server.health()).sessions === 0, 10_000);
    const baseline = await server.heapUsed();
    const count = 1000;
    await open(count);
    const peak = await server.heapUsed();
    await until(async () => (await server.health()).sessions === 0, 10_000);
    const after = await server.heapUsed();
    process.stderr.write(
      `sessions: baseline ${kb(baseline)} KB, ${count} open ${kb(peak)} KB (${((peak - baseline) / count).toFixed(0)} B each), reaped ${kb(after)} KB\n`,
    );
    expect(peak - baseline).toBeGreaterThan(count * 200);
    expect(after - baseline).toBeLessThan((peak - baseline) / 4);
  });

  it("holds at most --max-sessions, making room by closing the least recently used idle session", async () => {
    const server = await start(["--max-sessions", "5"]);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY });
      expect(response.status).toBe(200);
      ids.push(response.headers["mcp-session-id"] as string);
      expect((await server.health()).sessions).toBeLessThanOrEqual(5);
    }
    const list = (id: string) =>
      rawRequest(server.url, {
        headers: { ...MCP_HEADERS, "mcp-session-id": id },
        body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
      });
    expect((await list(ids[0]!)).status).toBe(404);
    expect((await list(ids[11]!)).status).toBe(200);
  });
});

describe("requests without a session", () => {
  // The spec: a server that requires sessions SHOULD answer a request without Mcp-Session-Id (other than
  // initialize) with 400; a GET may be answered 405 where the server offers no stream, as it cannot without a
  // session (and a 405 is what clients that open their GET before initialize expect).
  it("answer 405 to a GET without Mcp-Session-Id, 400 to such a POST, 404 to an unknown session, and open the stream with a live one", async () => {
    const server = await start([]);
    const get = (headers: Record<string, string>) => rawRequest(server.url, { method: "GET", headers: { accept: "text/event-stream", ...headers } });
    const missing = await get({});
    expect(missing.status).toBe(405);
    expect(missing.headers.allow).toBe("POST, DELETE, OPTIONS");
    expect(JSON.parse(missing.body)).toMatchObject({ jsonrpc: "2.0", error: { message: expect.stringContaining("Mcp-Session-Id") } });
    // A POST other than initialize gets the same answer.
    const post = await rawRequest(server.url, { headers: MCP_HEADERS, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }) });
    expect(post.status).toBe(400);
    expect((await get({ "mcp-session-id": "no-such-session" })).status).toBe(404);

    const opened = await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY });
    const id = opened.headers["mcp-session-id"] as string;
    const stream = await new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
      const req = httpRequest(server.url, { method: "GET", headers: { accept: "text/event-stream", "mcp-session-id": id, "mcp-protocol-version": "2025-11-25" } }, (res) => {
        resolve({ status: res.statusCode!, type: res.headers["content-type"] });
        req.destroy();
      });
      req.on("error", reject);
      req.end();
    });
    expect(stream).toEqual({ status: 200, type: expect.stringContaining("text/event-stream") });
  });

  it("answer 405 to a GET on a stateless server, which has no GET stream", async () => {
    const server = await start(["--stateless"]);
    const response = await rawRequest(server.url, { method: "GET", headers: { accept: "text/event-stream" } });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("POST");
  });
});

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(0);
}
