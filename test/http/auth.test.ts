// The authorization core against a real authorization server on 127.0.0.1:
// each kind of token a resource server must refuse is refused, with the
// status and challenge the MCP authorization spec asks for; good tokens give
// the caller's identity; the caches and the key-refetch cool-down bound what a
// client can make the server do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticatorConfig, createAuthenticator, type AuthOutcome } from "../../runtime/auth/index.js";
import type { Authenticator } from "../../runtime/auth/authenticator.js";
import { SERVER_OPTIONS, readServerOptions } from "../../runtime/server-options.js";
import { IntrospectionVerifier } from "../../runtime/auth/introspection-verifier.js";
import { JwtVerifier } from "../../runtime/auth/jwt-verifier.js";
import { metadataPaths, metadataUrl, resourceIdentifier } from "../../runtime/auth/protected-resource.js";
import { startAuthServer, type TestAuthServer } from "../helpers/auth-server.js";

const PUBLIC_URL = "https://mcp.example.test";
const RESOURCE = `${PUBLIC_URL}/mcp`;
const METADATA_URL = `${PUBLIC_URL}/.well-known/oauth-protected-resource/mcp`;

function failure(outcome: AuthOutcome): Exclude<AuthOutcome, { ok: true }> {
  if (outcome.ok) throw new Error(`expected a refusal, got the caller ${JSON.stringify(outcome.auth.subject)}`);
  return outcome;
}

function accepted(outcome: AuthOutcome) {
  if (!outcome.ok) throw new Error(`expected the token to be accepted, got ${outcome.status}: ${outcome.description} ${outcome.detail ?? ""}`);
  return outcome.auth;
}

/** The token a client_credentials client gets for `resource` from the server's token endpoint. */
async function clientCredentialsToken(as: TestAuthServer, scope: string, resource = RESOURCE): Promise<string> {
  const client = as.addClient(scope);
  const response = await fetch(as.tokenUrl, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", scope, resource }).toString(),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("JWT access tokens", () => {
  let as: TestAuthServer;
  let auth: Authenticator;

  beforeAll(async () => {
    as = await startAuthServer();
    auth = await createAuthenticator(authenticatorConfig({ publicUrl: PUBLIC_URL, authIssuer: as.issuer }, "/mcp", ["notes:read", "notes:write"])!);
  });
  afterAll(() => as.close());

  it("accepts a token from the issuer's token endpoint for this resource, and names the caller", async () => {
    const token = await clientCredentialsToken(as, "notes:read");
    const caller = accepted(await auth.authenticate(`Bearer ${token}`));
    expect(caller.clientId).toMatch(/^client-/);
    expect(caller.subject).toBe(caller.clientId);
    expect(caller.scopes).toEqual(["notes:read"]);
    expect(caller.claims.aud).toBe(RESOURCE);
    expect(caller.token).toBe(token);
    expect(caller.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it("answers a request without a token with 401 and a bare challenge that points at the metadata", async () => {
    for (const header of [undefined, "", "Basic dXNlcjpwYXNz"]) {
      const refused = failure(await auth.authenticate(header));
      expect(refused.status).toBe(401);
      expect(refused.error).toBeUndefined();
      expect(refused.wwwAuthenticate).toBe(`Bearer scope="notes:read notes:write", resource_metadata="${METADATA_URL}"`);
    }
  });

  it("refuses a token issued for another resource (RFC 8707 audience)", async () => {
    const token = await clientCredentialsToken(as, "notes:read", "https://other.example.test/mcp");
    const refused = failure(await auth.authenticate(`Bearer ${token}`));
    expect(refused.status).toBe(401);
    expect(refused.error).toBe("invalid_token");
    expect(refused.description).toMatch(/not issued for this resource/);
    expect(refused.wwwAuthenticate).toMatch(/^Bearer error="invalid_token", error_description="[^"]+", scope="notes:read notes:write", resource_metadata="https:\/\/mcp\.example\.test\/\.well-known\/oauth-protected-resource\/mcp"$/);
    // And one with no audience at all.
    expect(failure(await auth.authenticate(`Bearer ${await as.sign({ sub: "u" })}`)).description).toMatch(/aud/);
  });

  it("refuses an expired token beyond the leeway, and accepts one within it", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await as.sign({ sub: "u", aud: RESOURCE, iat: now - 600, exp: now - 120 });
    const refused = failure(await auth.authenticate(`Bearer ${expired}`));
    expect(refused.status).toBe(401);
    expect(refused.description).toMatch(/expired/);
    const justExpired = await as.sign({ sub: "u", aud: RESOURCE, iat: now - 600, exp: now - 5 });
    expect(accepted(await auth.authenticate(`Bearer ${justExpired}`)).subject).toBe("u");
  });

  it("refuses a token that is not valid yet, and one without an expiry", async () => {
    const now = Math.floor(Date.now() / 1000);
    const early = await as.sign({ sub: "u", aud: RESOURCE, nbf: now + 600 });
    expect(failure(await auth.authenticate(`Bearer ${early}`)).description).toMatch(/not valid yet/);
    // A token that never expires would be trusted (and cached) forever.
    const eternal = await as.sign({ sub: "u", aud: RESOURCE, exp: undefined });
    expect(failure(await auth.authenticate(`Bearer ${eternal}`)).status).toBe(401);
  });

  it("refuses a token from another issuer signed with the right key", async () => {
    const token = await as.sign({ sub: "u", aud: RESOURCE, iss: "https://evil.example.test" });
    expect(failure(await auth.authenticate(`Bearer ${token}`)).description).toMatch(/iss/);
  });

  it("refuses a token signed by another key under a published kid", async () => {
    const token = await as.sign({ sub: "u", aud: RESOURCE }, { key: "unpublished", kid: as.currentKid });
    const refused = failure(await auth.authenticate(`Bearer ${token}`));
    expect(refused.status).toBe(401);
    expect(refused.description).toMatch(/signature does not verify/);
  });

  it('refuses alg "none" and an HMAC token, whatever they claim', async () => {
    const good = await as.sign({ sub: "u", aud: RESOURCE });
    const [, payload] = good.split(".");
    const header = (h: object): string => Buffer.from(JSON.stringify(h)).toString("base64url");
    const unsigned = `${header({ alg: "none", kid: as.currentKid, typ: "JWT" })}.${payload}.`;
    const refusedNone = failure(await auth.authenticate(`Bearer ${unsigned}`));
    expect(refusedNone.status).toBe(401);
    expect(refusedNone.error).toBe("invalid_token");
    // The classic confusion: HS256 "signed" with the public key as the secret.
    const { createHmac } = await import("node:crypto");
    const jwks = (await (await fetch(as.jwksUrl)).json()) as { keys: Array<{ n: string }> };
    const signingInput = `${header({ alg: "HS256", kid: as.currentKid })}.${payload}`;
    const hmac = createHmac("sha256", jwks.keys[0]!.n).update(signingInput).digest("base64url");
    const refusedHmac = failure(await auth.authenticate(`Bearer ${signingInput}.${hmac}`));
    expect(refusedHmac.status).toBe(401);
    expect(refusedHmac.description).toMatch(/algorithm is not accepted/);
  });

  it("never accepts none or HS* as configured algorithms", async () => {
    for (const algorithms of [["none"], ["HS256"], ["RS256", "hs512"]]) {
      await expect(createAuthenticator(authenticatorConfig({ publicUrl: PUBLIC_URL, authIssuer: as.issuer, authAlgorithms: algorithms }, "/mcp")!)).rejects.toThrow(/not allowed/);
    }
  });

  it("refuses a malformed bearer value without looking further", async () => {
    for (const header of ["Bearer", "Bearer a b", "Bearer \u00e9t\u00e9", "Bearer not-a-jwt"]) {
      expect(failure(await auth.authenticate(header)).status).toBe(401);
    }
  });

  it("answers a repeated token from its cache, without I/O, until the token expires", async () => {
    let clock = Date.now();
    const verifier = new JwtVerifier({ issuer: as.issuer, audiences: [RESOURCE], now: () => clock, clockToleranceSeconds: 0 });
    const now = Math.floor(clock / 1000);
    const token = await as.sign({ sub: "cached", aud: RESOURCE, iat: now, exp: now + 60 });
    expect(verifier.known(token)).toBeUndefined();
    expect((await verifier.verify(token)) as { subject?: string }).toMatchObject({ subject: "cached" });
    expect(verifier.known(token)).toMatchObject({ subject: "cached" });
    clock += 61_000;
    expect(verifier.known(token)).toBeUndefined();
    expect(await verifier.verify(token)).toMatchObject({ rejected: true, description: expect.stringMatching(/expired/) });
  });

  it("keeps its cache bounded, and refusals apart from accepted tokens", async () => {
    const verifier = new JwtVerifier({ issuer: as.issuer, audiences: [RESOURCE], cacheEntries: 2 });
    const tokens = await Promise.all([1, 2, 3].map((n) => as.sign({ sub: `u${n}`, aud: RESOURCE })));
    for (const token of tokens) await verifier.verify(token);
    expect(verifier.known(tokens[0]!)).toBeUndefined();
    expect(verifier.known(tokens[2]!)).toMatchObject({ subject: "u3" });
    // A burst of bad tokens is remembered as refused, without pushing out the good ones.
    const bad = await Promise.all([1, 2, 3].map((n) => as.sign({ sub: `bad${n}`, aud: "https://elsewhere.example/mcp" })));
    for (const token of bad) expect(await verifier.verify(token)).toMatchObject({ rejected: true });
    expect(verifier.known(bad[2]!)).toMatchObject({ rejected: true, description: expect.stringMatching(/aud/) });
    expect(verifier.known(tokens[2]!)).toMatchObject({ subject: "u3" });
  });

  it("does not refetch the keys for an unknown kid within the cool-down", async () => {
    const verifier = new JwtVerifier({ issuer: as.issuer, audiences: [RESOURCE], jwksCooldownMs: 60_000 });
    expect(await verifier.verify(await as.sign({ sub: "u", aud: RESOURCE }))).toMatchObject({ subject: "u" });
    expect(verifier.keyFetches).toBe(1);
    for (let i = 0; i < 20; i++) {
      const forged = await as.sign({ sub: "u", aud: RESOURCE }, { key: "unpublished", kid: `made-up-${i}` });
      expect(await verifier.verify(forged)).toMatchObject({ rejected: true, reason: "invalid_token" });
    }
    expect(verifier.keyFetches).toBe(1);
  });

  it("picks up a rotated key once the cool-down has passed", async () => {
    const rotating = await startAuthServer();
    try {
      const verifier = new JwtVerifier({ issuer: rotating.issuer, audiences: [RESOURCE], jwksCooldownMs: 2000 });
      expect(await verifier.verify(await rotating.sign({ sub: "before", aud: RESOURCE }))).toMatchObject({ subject: "before" });
      const fetchedAt = Date.now();
      await rotating.rotate({ retireOld: true });
      const fresh = await rotating.sign({ sub: "after", aud: RESOURCE });
      // Within the cool-down the new kid is unknown and refused, with no fetch.
      expect(await verifier.verify(fresh)).toMatchObject({ rejected: true, reason: "invalid_token" });
      expect(verifier.keyFetches).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2100 - (Date.now() - fetchedAt))));
      expect(await verifier.verify(fresh)).toMatchObject({ subject: "after" });
      expect(verifier.keyFetches).toBe(2);
    } finally {
      await rotating.close();
    }
  });

  it("finds the keys through OpenID discovery when RFC 8414 metadata is absent, or at --auth-jwks", async () => {
    const oidc = await startAuthServer({ discovery: "openid" });
    try {
      const discovered = new JwtVerifier({ issuer: oidc.issuer, audiences: [RESOURCE] });
      expect(await discovered.verify(await oidc.sign({ sub: "oidc", aud: RESOURCE }))).toMatchObject({ subject: "oidc" });
      const configured = new JwtVerifier({ issuer: oidc.issuer, audiences: [RESOURCE], jwksUrl: oidc.jwksUrl });
      expect(await configured.verify(await oidc.sign({ sub: "jwks", aud: RESOURCE }))).toMatchObject({ subject: "jwks" });
    } finally {
      await oidc.close();
    }
  });

  it("accepts the audience the operator configures instead of the resource", async () => {
    const custom = await createAuthenticator(authenticatorConfig({ publicUrl: PUBLIC_URL, authIssuer: as.issuer, authAudience: ["api://notes"] }, "/mcp")!);
    expect(accepted(await custom.authenticate(`Bearer ${await as.sign({ sub: "u", aud: ["x", "api://notes"] })}`)).subject).toBe("u");
    expect(failure(await custom.authenticate(`Bearer ${await as.sign({ sub: "u", aud: RESOURCE })}`)).status).toBe(401);
  });

  it("answers 503 (not 401) while the issuer cannot be reached, and asks again only after the cool-down", async () => {
    const gone = await startAuthServer();
    const token = await gone.sign({ sub: "u", aud: RESOURCE });
    await gone.close();
    const unreachable = await createAuthenticator({ resource: RESOURCE, jwt: { issuer: gone.issuer, audiences: [RESOURCE], fetchLimits: { timeoutMs: 2000, maxBytes: 65536 } } });
    const refused = failure(await unreachable.authenticate(`Bearer ${token}`));
    expect(refused.status).toBe(503);
    expect(refused.detail).toMatch(/could not be reached/);
    expect(refused.wwwAuthenticate).not.toMatch(/invalid_token/);

    const flaky = await startAuthServer();
    try {
      flaky.metadataFailing = true;
      const recovering = await createAuthenticator({ resource: RESOURCE, jwt: { issuer: flaky.issuer, audiences: [RESOURCE], jwksCooldownMs: 500 } });
      const fresh = `Bearer ${await flaky.sign({ sub: "u", aud: RESOURCE })}`;
      expect(failure(await recovering.authenticate(fresh)).status).toBe(503);
      const failedAt = Date.now();
      expect(flaky.metadataRequests).toBe(1);
      flaky.metadataFailing = false;
      // Within the cool-down every request is refused at once: an outage does not become a fetch per request.
      for (let i = 0; i < 5; i++) expect(failure(await recovering.authenticate(fresh)).status).toBe(503);
      expect(flaky.metadataRequests).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 600 - (Date.now() - failedAt))));
      expect(accepted(await recovering.authenticate(fresh)).subject).toBe("u");
    } finally {
      await flaky.close();
    }
  });
});

describe("opaque tokens by introspection", () => {
  let as: TestAuthServer;
  let auth: Authenticator;

  beforeAll(async () => {
    as = await startAuthServer({ opaqueTokens: true });
    auth = await createAuthenticator(
      authenticatorConfig(
        { publicUrl: PUBLIC_URL, authIntrospect: as.introspectionUrl, authClientId: as.resourceServerClient.id, authClientSecret: as.resourceServerClient.secret },
        "/mcp",
      )!,
    );
  });
  afterAll(() => as.close());

  it("accepts an active token once, then answers from the cache until it expires", async () => {
    const token = await clientCredentialsToken(as, "notes:read notes:write");
    expect(token).toMatch(/^opaque-/);
    const before = as.introspections;
    const caller = accepted(await auth.authenticate(`Bearer ${token}`));
    expect(caller.scopes).toEqual(["notes:read", "notes:write"]);
    expect(caller.clientId).toMatch(/^client-/);
    expect(auth.authenticateKnown(`Bearer ${token}`)).toMatchObject({ ok: true });
    await auth.authenticate(`Bearer ${token}`);
    expect(as.introspections).toBe(before + 1);
  });

  it("makes one introspection call for a burst of requests with one new token", async () => {
    const token = as.opaque({ sub: "burst", aud: RESOURCE, exp: Math.floor(Date.now() / 1000) + 60 });
    const before = as.introspections;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => auth.authenticate(`Bearer ${token}`)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(as.introspections).toBe(before + 1);
  });

  it("refuses an inactive (revoked, unknown) token, and one for another resource", async () => {
    const revoked = as.opaque({ sub: "u", aud: RESOURCE });
    as.revoke(revoked);
    for (const token of [revoked, "opaque-never-issued"]) {
      const refused = failure(await auth.authenticate(`Bearer ${token}`));
      expect(refused.status).toBe(401);
      expect(refused.description).toMatch(/not active/);
    }
    const elsewhere = as.opaque({ sub: "u", aud: "https://other.example.test/mcp" });
    expect(failure(await auth.authenticate(`Bearer ${elsewhere}`)).description).toMatch(/not issued for this resource/);
  });

  it("answers 503 when the introspection endpoint refuses this server's credentials", async () => {
    const wrong = new IntrospectionVerifier({ endpoint: as.introspectionUrl, clientId: as.resourceServerClient.id, clientSecret: "wrong", audiences: [RESOURCE] });
    const result = await wrong.verify(as.opaque({ sub: "u" }));
    expect(result).toMatchObject({ rejected: true, reason: "unavailable", detail: expect.stringMatching(/refused this server's client credentials/) });
  });

  it("routes JWT-shaped tokens to the issuer's keys when both are configured", async () => {
    // One authorization server that issues both kinds, as real ones can.
    const jwtServer = as;
    {
      const both = await createAuthenticator(
        authenticatorConfig(
          { publicUrl: PUBLIC_URL, authIssuer: jwtServer.issuer, authIntrospect: as.introspectionUrl, authClientId: as.resourceServerClient.id, authClientSecret: as.resourceServerClient.secret },
          "/mcp",
        )!,
      );
      expect(accepted(await both.authenticate(`Bearer ${await jwtServer.sign({ sub: "jwt", aud: RESOURCE })}`)).subject).toBe("jwt");
      expect(accepted(await both.authenticate(`Bearer ${as.opaque({ sub: "opaque", aud: RESOURCE })}`)).subject).toBe("opaque");
    }
  });
});

describe("the static token", () => {
  it("is one more verifier: accepted without I/O, with every scope; anything else refused", async () => {
    const auth = await createAuthenticator(authenticatorConfig({ authToken: "s3cret-token" }, "/mcp", ["notes:read"])!);
    const known = auth.authenticateKnown("Bearer s3cret-token");
    expect(known).toMatchObject({ ok: true, auth: { subject: undefined, clientId: undefined, scopes: ["notes:read"], token: "s3cret-token" } });
    const refused = failure(await auth.authenticate("Bearer s3cret-tokeN"));
    expect(refused.status).toBe(401);
    expect(refused.wwwAuthenticate).toMatch(/^Bearer error="invalid_token"/);
    // Without OAuth there is no metadata to point at.
    expect(auth.metadata).toBeUndefined();
    expect(failure(await auth.authenticate(undefined)).wwwAuthenticate).toBe('Bearer scope="notes:read"');
  });

  it("works beside OAuth", async () => {
    const as = await startAuthServer();
    try {
      const auth = await createAuthenticator(authenticatorConfig({ authToken: "s3cret-token", publicUrl: PUBLIC_URL, authIssuer: as.issuer }, "/mcp")!);
      expect(auth.authenticateKnown("Bearer s3cret-token")).toMatchObject({ ok: true });
      expect(accepted(await auth.authenticate(`Bearer ${await as.sign({ sub: "u", aud: RESOURCE })}`)).subject).toBe("u");
    } finally {
      await as.close();
    }
  });
});

describe("scopes", () => {
  it("refuses a caller without a required scope with 403 insufficient_scope, keeping the scopes it has", async () => {
    const auth = await createAuthenticator({ resource: RESOURCE, authorizationServers: ["https://as.example.test"], jwt: { issuer: "https://as.example.test", audiences: [RESOURCE] } });
    const caller = { subject: "u", clientId: "c", scopes: ["notes:read"], claims: {}, token: "t" };
    expect(auth.requireScopes(caller, ["notes:read"])).toBeUndefined();
    const refused = auth.requireScopes(caller, ["notes:write"])!;
    expect(refused.status).toBe(403);
    expect(refused.wwwAuthenticate).toBe(
      `Bearer error="insufficient_scope", error_description="This operation requires the scope notes:write, which the access token does not grant", scope="notes:read notes:write", resource_metadata="${METADATA_URL}"`,
    );
    const both = auth.requireScopes({ ...caller, scopes: [] }, ["notes:write", "notes:delete"], "Tool 'clearNotes'")!;
    expect(both.description).toBe("Tool 'clearNotes' requires the scopes notes:write notes:delete, which the access token does not grant");
  });
});

describe("protected resource metadata (RFC 9728)", () => {
  it("names the resource, the authorization server, the scopes and the header method", async () => {
    const auth = await createAuthenticator(authenticatorConfig({ publicUrl: `${PUBLIC_URL}/`, authIssuer: "https://as.example.test/tenant" }, "/mcp", ["a", "b", "a"])!);
    expect(auth.metadata).toEqual({ resource: RESOURCE, authorization_servers: ["https://as.example.test/tenant"], scopes_supported: ["a", "b"], bearer_methods_supported: ["header"] });
    expect(JSON.parse(auth.metadataJson!)).toEqual(auth.metadata);
    expect(auth.metadataPaths).toEqual(["/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"]);
  });

  it("builds the resource from the public URL as RFC 8707 and the spec's canonical form want", () => {
    expect(resourceIdentifier("HTTPS://MCP.Example.TEST/base/", "/mcp")).toBe("https://mcp.example.test/base/mcp");
    expect(resourceIdentifier("http://127.0.0.1:3000", "/mcp")).toBe("http://127.0.0.1:3000/mcp");
    expect(metadataPaths("https://mcp.example.test/base/mcp")).toEqual(["/.well-known/oauth-protected-resource/base/mcp", "/.well-known/oauth-protected-resource"]);
    expect(metadataUrl("https://mcp.example.test/base/mcp")).toBe("https://mcp.example.test/.well-known/oauth-protected-resource/base/mcp");
    expect(() => resourceIdentifier("mcp.example.test")).toThrow(/not an absolute URL/);
    expect(() => resourceIdentifier("https://mcp.example.test/#x")).toThrow(/no query or fragment/);
  });
});

describe("option values", () => {
  it("are read from the server's options table, flags over environment", () => {
    const env = { MCPC_AUTH_ISSUER: "https://as.example.test", MCPC_AUTH_AUDIENCE: "a, b", MCPC_AUTH_CLIENT_SECRET: "s", MCPC_AUTH_CLOCK_SKEW: "10" };
    const options = readServerOptions(["--public-url", PUBLIC_URL, "--auth-clock-skew", "5"], env);
    expect(options.httpOptions).toEqual({ authIssuer: "https://as.example.test", authAudience: ["a", "b"], authClientSecret: "s", publicUrl: PUBLIC_URL, authClockSkew: 5 });
    expect(() => readServerOptions(["--auth-clock-skew", "soon"], {})).toThrow(/--auth-clock-skew must be a whole number/);
    // Secrets have no flag: argv is visible to every user of the machine.
    const secrets = SERVER_OPTIONS.filter((o) => o.env?.startsWith("MCPC_AUTH_CLIENT_")).map((o) => o.flag);
    expect(secrets).toEqual([undefined, undefined]);
  });

  it("asks for nothing when no option is set, and says which option is missing", () => {
    expect(authenticatorConfig({}, "/mcp")).toBeUndefined();
    expect(() => authenticatorConfig({ authIssuer: "https://as.example.test" }, "/mcp")).toThrow(/--auth-issuer needs --public-url/);
    expect(() => authenticatorConfig({ publicUrl: PUBLIC_URL, authIntrospect: "https://as.example.test/introspect" }, "/mcp")).toThrow(/MCPC_AUTH_CLIENT_ID/);
    expect(() => authenticatorConfig({ authJwks: "https://as.example.test/jwks" }, "/mcp")).toThrow(/--auth-jwks needs --auth-issuer/);
    expect(() => authenticatorConfig({ publicUrl: PUBLIC_URL, authIssuer: "http://as.example.test" }, "/mcp")).toThrow(/must be https/);
  });
});
