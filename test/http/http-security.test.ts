// Security defaults of the HTTP transport, against a real server process:
// DNS-rebinding protection, bearer token, body limit, read timeout, rate limits.
import { connect } from "node:net";
import { join } from "node:path";
import type { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { INITIALIZE_BODY, MCP_HEADERS, connectHttp, rawRequest, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";
import { connectStdio } from "../helpers/stdio-client.js";

let serverPath: string;
const servers: RunningHttpServer[] = [];

async function start(args: string[] = [], env: Record<string, string> = {}): Promise<RunningHttpServer> {
  const server = await startHttpServer(serverPath, args, env);
  servers.push(server);
  return server;
}

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "http", "tools.ts"), "http-security")).serverPath;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe("DNS-rebinding protection", () => {
  it("refuses a forged Host or Origin with 403 and accepts loopback ones", async () => {
    const server = await start();
    const forgedHost = await rawRequest(server.url, { headers: { ...MCP_HEADERS, host: `evil.example:${server.port}` }, body: INITIALIZE_BODY });
    expect(forgedHost.status).toBe(403);
    expect(forgedHost.body).toContain("Host not allowed");
    const forgedOrigin = await rawRequest(server.url, { headers: { ...MCP_HEADERS, origin: "http://evil.example" }, body: INITIALIZE_BODY });
    expect(forgedOrigin.status).toBe(403);
    expect(forgedOrigin.body).toContain("Origin not allowed");
    const local = await rawRequest(server.url, {
      headers: { ...MCP_HEADERS, host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` },
      body: INITIALIZE_BODY,
    });
    expect(local.status).toBe(200);
  });

  it("accepts the hosts and origins given with --allowed-hosts / MCPC_ALLOWED_ORIGINS", async () => {
    const server = await start(["--allowed-hosts", "mcp.internal"], { MCPC_ALLOWED_ORIGINS: "https://app.example" });
    const ok = await rawRequest(server.url, { headers: { ...MCP_HEADERS, host: "mcp.internal", origin: "https://app.example" }, body: INITIALIZE_BODY });
    expect(ok.status).toBe(200);
    const loopbackNoLongerListed = await rawRequest(server.url, { headers: { ...MCP_HEADERS, host: `127.0.0.1:${server.port}` }, body: INITIALIZE_BODY });
    expect(loopbackNoLongerListed.status).toBe(403);
  });
});

describe("bearer token", () => {
  it("refuses a missing or wrong token with 401 and serves the right one", async () => {
    const server = await start([], { MCPC_AUTH_TOKEN: "s3cret-token" });
    const missing = await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY });
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toContain("Bearer");
    const wrong = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: "Bearer s3cret-tokem" }, body: INITIALIZE_BODY });
    expect(wrong.status).toBe(401);
    const failed = await connectHttp(server.url).catch((e: unknown) => e);
    expect((failed as StreamableHTTPError).code).toBe(401);
    const client = await connectHttp(server.url, { headers: { authorization: "Bearer s3cret-token" } });
    expect((await client.client.callTool({ name: "add", arguments: { a: 1, b: 2 } })).structuredContent).toEqual({ result: 3 });
    await client.close();
  });
});

describe("request limits", () => {
  it("refuses a body over --max-body-bytes with 413", async () => {
    const server = await start(["--max-body-bytes", "2000"]);
    const big = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { padding: "x".repeat(5000) } });
    const refused = await rawRequest(server.url, { headers: MCP_HEADERS, body: big });
    expect(refused.status).toBe(413);
    expect((await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY })).status).toBe(200);
  });

  it("answers 408 when a request is not received within --request-timeout", async () => {
    const server = await start(["--request-timeout", "300"]);
    const started = Date.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        // Promise a body and never send it.
        socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 100\r\n\r\n{`);
      });
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString("utf8")));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("refuses malformed messages with 400 and a JSON-RPC error", async () => {
    const server = await start();
    const notJson = await rawRequest(server.url, { headers: MCP_HEADERS, body: "{nope" });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.code).toBe(-32700);
    const wrongType = await rawRequest(server.url, { headers: { ...MCP_HEADERS, "content-type": "text/plain" }, body: INITIALIZE_BODY });
    expect(wrongType.status).toBe(415);
    const noSse = await rawRequest(server.url, { headers: { ...MCP_HEADERS, accept: "application/json" }, body: INITIALIZE_BODY });
    expect(noSse.status).toBe(406);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After past the per-client limit, and serves again after it", async () => {
    // 3 per 3 s refills one request a second: slow enough that a loaded machine cannot refill mid-burst.
    const server = await start(["--rate-limit", "3/3s"]);
    const burst = await Promise.all(Array.from({ length: 5 }, () => rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY })));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.headers["retry-after"]).toBe("1");
    expect(JSON.parse(refused.body).error.message).toBe("Rate limit exceeded (3/3s): retry in 1 s.");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY })).status).toBe(200);
  });

  it("limits one tool per client over HTTP (429) and over stdio (isError saying when to retry)", async () => {
    const server = await start(["--tool-rate-limit", "add=2/4s"]);
    const client = await connectHttp(server.url);
    await client.client.callTool({ name: "add", arguments: { a: 1, b: 1 } });
    await client.client.callTool({ name: "add", arguments: { a: 1, b: 1 } });
    const limited = await client.client.callTool({ name: "add", arguments: { a: 1, b: 1 } }).catch((e: unknown) => e);
    expect((limited as StreamableHTTPError).code).toBe(429);
    // Other tools are not limited.
    expect((await client.client.callTool({ name: "whoami", arguments: {} })).isError).toBeFalsy();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await client.client.callTool({ name: "add", arguments: { a: 2, b: 2 } })).structuredContent).toEqual({ result: 4 });
    await client.close();

    const stdio = await connectStdio(serverPath, { args: ["--tool-rate-limit", "add=1/minute"] });
    try {
      expect((await stdio.client.callTool({ name: "add", arguments: { a: 1, b: 1 } })).isError).toBeFalsy();
      const refused = await stdio.client.callTool({ name: "add", arguments: { a: 1, b: 1 } });
      expect(refused.isError).toBe(true);
      expect((refused.content as Array<{ text: string }>)[0]!.text).toBe("Rate limit exceeded for tool 'add' (1/minute): retry in 60 s.");
    } finally {
      await stdio.close();
    }
  });

  it("rejects a rate limit it cannot read with a usage error", async () => {
    await expect(startHttpServer(serverPath, ["--rate-limit", "lots"])).rejects.toThrow(/a rate limit is written like 100\/hour/);
  });
});
