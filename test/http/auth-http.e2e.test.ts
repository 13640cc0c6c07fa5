// An emitted server as an OAuth 2.1 resource server, end to end: the SDK's
// real Client with its OAuth provider starts from the 401, discovers the
// protected resource metadata and the authorization server, registers,
// authorizes with PKCE, gets a token for this resource and calls a tool that
// sees the verified caller as ctx.auth. Refusals are checked on the wire.
import { join } from "node:path";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";
import { UnauthorizedError, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAuthServer, type TestAuthServer } from "../helpers/auth-server.js";
import { buildFixture } from "../helpers/build-fixture.js";
import { INITIALIZE_BODY, MCP_HEADERS, rawRequest, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";
import { freePort } from "../helpers/free-port.js";

let serverPath: string;
const ALL_SCOPES = ["notes:write", "notes:delete", "notes:read"];
let as: TestAuthServer;
const servers: RunningHttpServer[] = [];

async function startProtected(extraArgs: string[] = [], env: Record<string, string> = {}): Promise<RunningHttpServer> {
  const port = await freePort();
  const server = await startHttpServer(serverPath, ["--port", String(port), "--public-url", `http://127.0.0.1:${port}`, "--auth-issuer", as.issuer, ...extraArgs], env);
  servers.push(server);
  return server;
}

/**
 * An interactive client's provider with the browser step done by fetch: the
 * authorization server approves at once and redirects with the code.
 */
class BrowserlessProvider implements OAuthClientProvider {
  private info: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = "";
  code: string | undefined;

  get redirectUrl(): string {
    return "http://127.0.0.1:1/callback";
  }
  get clientMetadata(): OAuthClientMetadata {
    return { client_name: "mcpc auth test", redirect_uris: [this.redirectUrl], grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "none" };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }
  /** The last authorization request the client made (to read the scope it asked for). */
  authorizationUrl: URL | undefined;
  async redirectToAuthorization(url: URL): Promise<void> {
    this.authorizationUrl = url;
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    this.code = new URL(response.headers.get("location")!).searchParams.get("code") ?? undefined;
  }
  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }
  codeVerifier(): string {
    return this.verifier;
  }
}

async function connectWith(url: string, authProvider: OAuthClientProvider): Promise<Client> {
  const client = new Client({ name: "mcpc-auth-test", version: "1.0.0" });
  client.onerror = () => {};
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider }));
  return client;
}

beforeAll(async () => {
  [serverPath, as] = await Promise.all([buildFixture(join(FIXTURES, "servers", "scopes", "tools.ts"), "auth-http").then((r) => r.serverPath), startAuthServer()]);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await as?.close();
});

describe("an emitted server with --auth-issuer", () => {
  it("serves its protected resource metadata at both well-known paths", async () => {
    const server = await startProtected();
    const base = server.url.slice(0, -"/mcp".length);
    for (const path of ["/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"]) {
      const response = await fetch(`${base}${path}`, { headers: { origin: "https://app.example" } });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      // scopes_supported: the union of the fixture's @scope tags (tools first, then resources, templates, prompts).
      expect(await response.json()).toEqual({ resource: server.url, authorization_servers: [as.issuer], scopes_supported: ALL_SCOPES, bearer_methods_supported: ["header"] });
    }
  });

  it("answers a request without a token with 401 and the challenge that starts the flow", async () => {
    const server = await startProtected();
    const response = await rawRequest(server.url, { headers: MCP_HEADERS, body: INITIALIZE_BODY });
    expect(response.status).toBe(401);
    const base = server.url.slice(0, -"/mcp".length);
    expect(response.headers["www-authenticate"]).toBe(`Bearer scope="${ALL_SCOPES.join(" ")}", resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`);
  });

  it("lets the SDK client discover, register, authorize with PKCE and call, as the verified caller", async () => {
    const server = await startProtected();
    const provider = new BrowserlessProvider();
    await expect(connectWith(server.url, provider)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.code).toBeDefined();
    const transport = new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider });
    await transport.finishAuth(provider.code!);
    const client = await connectWith(server.url, provider);
    try {
      const result = await client.callTool({ name: "caller", arguments: {} });
      expect(result.isError).toBeFalsy();
      // (A nullable object result is wrapped as { result }.)
      expect(result.structuredContent).toEqual({
        result: {
          subject: "user-1",
          clientId: (provider.clientInformation() as { client_id: string }).client_id,
          // The 401's challenge suggested every scope the server knows, and the client asked for them.
          scopes: ALL_SCOPES,
          // The client sent the resource from the metadata (RFC 8707); the token is bound to it.
          audience: server.url,
        },
      });
    } finally {
      await client.close();
    }
  });

  it("accepts a client_credentials client through the SDK's provider", async () => {
    const server = await startProtected();
    const credentials = as.addClient("notes:read");
    const provider = new ClientCredentialsProvider({ clientId: credentials.id, clientSecret: credentials.secret, expectedIssuer: as.issuer, scope: "notes:read" });
    const client = await connectWith(server.url, provider);
    try {
      const result = await client.callTool({ name: "caller", arguments: {} });
      // The SDK's client_credentials provider always asks for the scope it was configured with.
      expect(result.structuredContent).toMatchObject({ result: { subject: credentials.id, clientId: credentials.id, scopes: ["notes:read"] } });
    } finally {
      await client.close();
    }
  });

  it("refuses tokens for another audience, expired, signed by another key or unsigned, with invalid_token", async () => {
    const server = await startProtected();
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(JSON.stringify({ sub: "u", aud: server.url, iss: as.issuer, exp: now + 300 })).toString("base64url");
    const tokens = {
      audience: await as.sign({ sub: "u", aud: "https://elsewhere.example/mcp" }),
      expired: await as.sign({ sub: "u", aud: server.url, iat: now - 600, exp: now - 120 }),
      otherKey: await as.sign({ sub: "u", aud: server.url }, { key: "unpublished", kid: as.currentKid }),
      none: `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`,
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: `Bearer ${token}` }, body: INITIALIZE_BODY });
      expect(response.status, name).toBe(401);
      expect(response.headers["www-authenticate"], name).toMatch(/^Bearer error="invalid_token", error_description="[^"]+", scope="notes:write notes:delete notes:read", resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"$/);
      expect(JSON.parse(response.body).error.message, name).toMatch(/^Unauthorized: /);
    }
  });

  it("keeps a session to the caller that opened it", async () => {
    const server = await startProtected();
    const alice = await as.sign({ sub: "alice", aud: server.url });
    const mallory = await as.sign({ sub: "mallory", aud: server.url });
    const opened = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: `Bearer ${alice}` }, body: INITIALIZE_BODY });
    expect(opened.status).toBe(200);
    const session = opened.headers["mcp-session-id"] as string;
    const list = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    const headers = { ...MCP_HEADERS, "mcp-session-id": session, "mcp-protocol-version": "2025-11-25" };
    expect((await rawRequest(server.url, { headers: { ...headers, authorization: `Bearer ${mallory}` }, body: list })).status).toBe(404);
    expect((await rawRequest(server.url, { headers: { ...headers, authorization: `Bearer ${alice}` }, body: list })).status).toBe(200);
  });

  it("serves --stateless with nothing about a token kept between requests", async () => {
    const server = await startProtected(["--stateless"]);
    const token = await as.sign({ sub: "stateless-user", aud: server.url, scope: "notes:read" });
    const call = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "caller", arguments: {} } });
    const response = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: `Bearer ${token}`, "mcp-protocol-version": "2025-11-25" }, body: call });
    expect(response.status).toBe(200);
    expect(response.body).toContain('"subject":"stateless-user"');
  });

  it("answers 503 while the issuer is down, and tells the operator once, not per request", async () => {
    const gone = await startAuthServer();
    await gone.close();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/mcp`;
    const token = await as.sign({ sub: "u", aud: url });
    const server = await startHttpServer(serverPath, ["--port", String(port), "--public-url", `http://127.0.0.1:${port}`, "--auth-issuer", gone.issuer]);
    servers.push(server);
    for (let i = 0; i < 3; i++) {
      const response = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: `Bearer ${token}` }, body: INITIALIZE_BODY });
      expect(response.status).toBe(503);
      expect(response.headers["retry-after"]).toBe("5");
    }
    expect(server.stderr().match(/authorization server metadata: .*could not be reached/g)).toHaveLength(1);
  });

  it("refuses to start with --auth-issuer but no --public-url, naming the option", async () => {
    await expect(startHttpServer(serverPath, ["--auth-issuer", as.issuer])).rejects.toThrow(/--auth-issuer needs --public-url/);
  });

  it("refuses a call without its @scope with 403 insufficient_scope, before answering, and lists every tool to every caller", async () => {
    const server = await startProtected(["--stateless"]);
    const base = server.url.slice(0, -"/mcp".length);
    const metadata = `${base}/.well-known/oauth-protected-resource/mcp`;
    const reader = await as.sign({ sub: "reader", aud: server.url, scope: "notes:read" });
    const nobody = await as.sign({ sub: "nobody", aud: server.url });
    const headers = (token: string) => ({ ...MCP_HEADERS, authorization: `Bearer ${token}`, "mcp-protocol-version": "2025-11-25" });
    const request = (method: string, params: Record<string, unknown>) => JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });

    const write = await rawRequest(server.url, { headers: headers(reader), body: request("tools/call", { name: "saveNote", arguments: { text: "hi" } }) });
    expect(write.status).toBe(403);
    // The challenge's scope keeps what the token has and adds what the call needs, so a client that steps up loses nothing.
    expect(write.headers["www-authenticate"]).toBe(
      `Bearer error="insufficient_scope", error_description="Tool 'saveNote' requires the scope notes:write, which the access token does not grant", scope="notes:read notes:write", resource_metadata="${metadata}"`,
    );
    expect(JSON.parse(write.body).error.message).toBe("Forbidden: Tool 'saveNote' requires the scope notes:write, which the access token does not grant");
    const clear = await rawRequest(server.url, { headers: headers(nobody), body: request("tools/call", { name: "clearNotes", arguments: {} }) });
    expect(clear.status).toBe(403);
    expect(clear.headers["www-authenticate"]).toContain('error_description="Tool \'clearNotes\' requires the scopes notes:write notes:delete, which the access token does not grant", scope="notes:write notes:delete"');

    for (const [method, params, what] of [
      ["resources/read", { uri: "notes://all" }, "Resource 'notes://all'"],
      ["resources/read", { uri: "notes://7" }, "Resource 'notes://7'"],
      ["prompts/get", { name: "summarize" }, "Prompt 'summarize'"],
    ] as const) {
      const refused = await rawRequest(server.url, { headers: headers(nobody), body: request(method, params) });
      expect(refused.status, what).toBe(403);
      expect(refused.headers["www-authenticate"], what).toBe(
        `Bearer error="insufficient_scope", error_description="${what} requires the scope notes:read, which the access token does not grant", scope="notes:read", resource_metadata="${metadata}"`,
      );
      const allowed = await rawRequest(server.url, { headers: headers(reader), body: request(method, params) });
      expect(allowed.status, what).toBe(200);
      expect(JSON.parse(allowed.body).result, what).toBeDefined();
    }
    // A tool without @scope needs none.
    const ping = await rawRequest(server.url, { headers: headers(nobody), body: request("tools/call", { name: "ping", arguments: {} }) });
    expect(JSON.parse(ping.body).result.content[0].text).toBe("pong");
    // A tool reading a scoped resource for a caller without the scope: the HTTP answer is already decided (200), the result names the scope.
    const through = await rawRequest(server.url, { headers: headers(nobody), body: request("tools/call", { name: "readThroughTool", arguments: {} }) });
    expect(through.status).toBe(200);
    expect(JSON.parse(through.body).result).toEqual({ content: [{ type: "text", text: "Resource 'notes://all' requires the scope notes:read, which the access token does not grant" }], isError: true });
    const readerThrough = await rawRequest(server.url, { headers: headers(reader), body: request("tools/call", { name: "readThroughTool", arguments: {} }) });
    expect(JSON.parse(readerThrough.body).result.isError).toBeFalsy();
    // tools/list is the same for every caller: a client sees the tool, calls it, and steps up from the 403.
    const listed = await rawRequest(server.url, { headers: headers(nobody), body: request("tools/list", {}) });
    expect(JSON.parse(listed.body).result.tools.map((t: { name: string }) => t.name)).toEqual(["caller", "saveNote", "clearNotes", "ping", "readThroughTool"]);
  });

  it("lets the SDK client step up from the 403: it re-authorizes with the challenge's scope, then the call goes through", async () => {
    const server = await startProtected();
    const provider = new BrowserlessProvider();
    // The client already holds a token with notes:read only (as after an earlier, narrower authorization).
    provider.saveTokens({ access_token: await as.sign({ sub: "user-1", aud: server.url, scope: "notes:read" }), token_type: "Bearer" });
    const narrow = await connectWith(server.url, provider);
    try {
      expect((await narrow.callTool({ name: "caller", arguments: {} })).structuredContent).toMatchObject({ result: { scopes: ["notes:read"] } });
      // The 403 sends the SDK into a new authorization for the challenge's scope; the user's consent is the redirect.
      await expect(narrow.callTool({ name: "saveNote", arguments: { text: "hi" } })).rejects.toBeInstanceOf(UnauthorizedError);
    } finally {
      await narrow.close();
    }
    expect(provider.authorizationUrl?.searchParams.get("scope")).toBe("notes:read notes:write");
    await new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider }).finishAuth(provider.code!);
    const wide = await connectWith(server.url, provider);
    try {
      const saved = await wide.callTool({ name: "saveNote", arguments: { text: "stepped up" } });
      expect(saved.isError).toBeFalsy();
      expect(saved.structuredContent).toEqual({ saved: "stepped up", scopes: ["notes:read", "notes:write"] });
    } finally {
      await wide.close();
    }
  });

  it("reaches a client_credentials client as a 403 it cannot step up from (the SDK asks for its configured scope again)", async () => {
    const server = await startProtected();
    const credentials = as.addClient("notes:read");
    const provider = new ClientCredentialsProvider({ clientId: credentials.id, clientSecret: credentials.secret, expectedIssuer: as.issuer, scope: "notes:read" });
    const client = await connectWith(server.url, provider);
    try {
      await expect(client.callTool({ name: "saveNote", arguments: { text: "hi" } })).rejects.toThrow(/403 after trying upscoping/);
    } finally {
      await client.close();
    }
  });

  it("grants every scope to the static token (MCPC_AUTH_TOKEN) beside OAuth", async () => {
    const server = await startProtected(["--stateless"], { MCPC_AUTH_TOKEN: "static-secret-token-123" });
    const call = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "clearNotes", arguments: {} } });
    const response = await rawRequest(server.url, { headers: { ...MCP_HEADERS, authorization: "Bearer static-secret-token-123", "mcp-protocol-version": "2025-11-25" }, body: call });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).result.content[0].text).toBe("cleared");
  });
});
