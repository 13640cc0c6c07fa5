// CORS follows --allowed-origins: accepted origins get preflights answered
// and may read the MCP headers; other origins get 403 and no CORS headers.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { INITIALIZE_BODY, MCP_HEADERS, rawRequest, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";

let serverPath: string;
let server: RunningHttpServer;
const APP = "https://app.example";

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "http", "tools.ts"), "http-cors")).serverPath;
  server = await startHttpServer(serverPath, ["--allowed-origins", APP, "--auth-token", "secret"]);
});

afterAll(async () => {
  await server?.stop();
});

const preflight = (origin: string) =>
  rawRequest(server.url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, mcp-session-id, authorization, last-event-id" },
  });

const listed = (value: unknown): string[] => String(value).toLowerCase().split(/\s*,\s*/);

describe("CORS", () => {
  it("answers a preflight from an allowed origin with 204, the methods, headers and max-age, without asking for the token", async () => {
    const answer = await preflight(APP);
    expect(answer.status).toBe(204);
    expect(answer.headers["access-control-allow-origin"]).toBe(APP);
    expect(answer.headers.vary).toBe("Origin");
    expect(listed(answer.headers["access-control-allow-methods"])).toEqual(expect.arrayContaining(["get", "post", "delete"]));
    expect(listed(answer.headers["access-control-allow-headers"])).toEqual(
      expect.arrayContaining(["content-type", "mcp-session-id", "mcp-protocol-version", "authorization", "last-event-id"]),
    );
    expect(Number(answer.headers["access-control-max-age"])).toBeGreaterThan(0);
  });

  it("refuses a preflight from another origin, with no CORS headers", async () => {
    const answer = await preflight("https://evil.example");
    expect(answer.status).toBe(403);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("echoes the allowed origin on answers and exposes the MCP headers", async () => {
    const answer = await rawRequest(server.url, { headers: { ...MCP_HEADERS, origin: APP, authorization: "Bearer secret" }, body: INITIALIZE_BODY });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe(APP);
    expect(answer.headers.vary).toBe("Origin");
    expect(listed(answer.headers["access-control-expose-headers"])).toEqual(
      expect.arrayContaining(["mcp-session-id", "mcp-protocol-version", "authorization", "last-event-id"]),
    );
    expect(answer.headers["mcp-session-id"]).toBeDefined();
    // Errors too, so the browser lets the client read why (here: no token).
    const refused = await rawRequest(server.url, { headers: { ...MCP_HEADERS, origin: APP }, body: INITIALIZE_BODY });
    expect(refused.status).toBe(401);
    expect(refused.headers["access-control-allow-origin"]).toBe(APP);
  });

  it("sends no Access-Control-Allow-Origin to clients that send no Origin", async () => {
    const answer = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: "Bearer secret" }, body: INITIALIZE_BODY });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("without --allowed-origins, accepts the origins of allowed hosts (a page served from localhost)", async () => {
    const local = await startHttpServer(serverPath);
    try {
      const origin = `http://localhost:${local.port}`;
      const answer = await rawRequest(local.url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
      expect(answer.status).toBe(204);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
      expect((await rawRequest(local.url, { method: "OPTIONS", headers: { origin: "https://evil.example" } })).status).toBe(403);
    } finally {
      await local.stop();
    }
  });
});
