// A small but real OAuth 2.1 authorization server on 127.0.0.1, for tests:
// RFC 8414 / OpenID metadata, a JWKS that can rotate, dynamic client
// registration (RFC 7591), the authorization code flow with PKCE (approved
// at once: there is no user to ask), client_credentials, RFC 8707 resource
// indicators as the token audience, and RFC 7662 introspection. Tests also
// mint tokens directly, including the malformed and hostile ones a resource
// server must refuse.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

interface KeyEntry {
  kid: string;
  privateKey: SigningKey;
  publicJwk: JWK;
}

interface RegisteredClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  token_endpoint_auth_method: string;
  grant_types: string[];
  scope?: string;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope?: string;
  resource?: string;
  expiresAt: number;
}

export interface AuthServerOptions {
  /** Which discovery documents to serve (default both). */
  discovery?: "oauth" | "openid" | "both";
  /** Issue opaque tokens (checked by introspection) instead of JWTs. */
  opaqueTokens?: boolean;
  /** Lifetime of issued tokens in seconds (default 300). */
  tokenLifetimeSeconds?: number;
  /** Scopes listed in the metadata. */
  scopesSupported?: string[];
}

export interface TestAuthServer {
  /** The issuer URL, http://127.0.0.1:PORT */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly tokenUrl: string;
  readonly introspectionUrl: string;
  /** The kid of the key that signs now. */
  readonly currentKid: string;
  /** How many times the JWKS was fetched. */
  readonly jwksFetches: number;
  /** How many introspection requests arrived. */
  readonly introspections: number;
  /** How many metadata documents were asked for. */
  readonly metadataRequests: number;
  /** While true, metadata requests answer 500 (an outage). */
  metadataFailing: boolean;
  /** Client credentials the resource server uses at the introspection endpoint. */
  readonly resourceServerClient: { id: string; secret: string };
  /** A confidential client registered in advance, for client_credentials. */
  addClient(scope?: string): { id: string; secret: string };
  /** A new signing key; the old ones stay published (as a real rotation does) unless `retireOld`. */
  rotate(options?: { retireOld?: boolean }): Promise<string>;
  /** Signs `claims` with the current key (or as told); iss, iat and exp are filled in unless given. */
  sign(claims: JWTPayload, options?: { kid?: string; key?: "current" | "unpublished"; alg?: string; header?: Record<string, unknown> }): Promise<string>;
  /** An opaque token introspection will describe with `claims` (active unless `active: false`). */
  opaque(claims: Record<string, unknown>): string;
  revoke(token: string): void;
  close(): Promise<void>;
}

export async function startAuthServer(options: AuthServerOptions = {}): Promise<TestAuthServer> {
  const lifetime = options.tokenLifetimeSeconds ?? 300;
  const keys: KeyEntry[] = [];
  const unpublished = await newKey("unpublished");
  const clients = new Map<string, RegisteredClient>();
  const codes = new Map<string, PendingCode>();
  const opaqueTokens = new Map<string, Record<string, unknown>>();
  const revoked = new Set<string>();
  const resourceServerClient = { id: "mcp-resource-server", secret: randomBytes(16).toString("hex") };
  let jwksFetches = 0;
  let introspections = 0;
  let metadataRequests = 0;
  const state = { metadataFailing: false };
  let issuer = "";

  async function newKey(kid: string): Promise<KeyEntry> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
    return { kid, privateKey, publicJwk };
  }
  keys.push(await newKey(`key-${randomUUID().slice(0, 8)}`));
  // Generated ahead, so that rotate() takes no time a test's cool-down would have to allow for.
  let spare = newKey(`key-${randomUUID().slice(0, 8)}`);

  const metadata = (): Record<string, unknown> => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    introspection_endpoint: `${issuer}/introspect`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "client_credentials"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    ...(options.scopesSupported !== undefined ? { scopes_supported: options.scopesSupported } : {}),
  });

  async function sign(claims: JWTPayload, how: { kid?: string; key?: "current" | "unpublished"; alg?: string; header?: Record<string, unknown> } = {}): Promise<string> {
    const key = how.key === "unpublished" ? unpublished : keys[keys.length - 1]!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: issuer, iat: now, exp: now + lifetime, jti: randomUUID(), ...claims })
      .setProtectedHeader({ alg: how.alg ?? "RS256", kid: how.kid ?? key.kid, typ: "at+jwt", ...how.header })
      .sign(key.privateKey);
  }

  async function issueToken(client: RegisteredClient, subject: string, scope: string | undefined, resource: string | undefined): Promise<Record<string, unknown>> {
    const claims: Record<string, unknown> = { sub: subject, client_id: client.client_id, ...(scope ? { scope } : {}), ...(resource ? { aud: resource } : {}) };
    const accessToken = options.opaqueTokens ? opaque({ ...claims, exp: Math.floor(Date.now() / 1000) + lifetime }) : await sign(claims);
    return { access_token: accessToken, token_type: "Bearer", expires_in: lifetime, ...(scope ? { scope } : {}) };
  }

  function opaque(claims: Record<string, unknown>): string {
    const token = `opaque-${randomBytes(24).toString("base64url")}`;
    opaqueTokens.set(token, claims);
    return token;
  }

  /** The client a token request authenticates as (Basic, form fields, or a public client's bare id). */
  function authenticateClient(req: IncomingMessage, form: URLSearchParams): RegisteredClient | undefined {
    const header = req.headers.authorization;
    let id: string | null = form.get("client_id");
    let secret: string | null = form.get("client_secret");
    if (header?.startsWith("Basic ")) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
      secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    }
    const client = id === null ? undefined : clients.get(id);
    if (client === undefined) return undefined;
    if (client.token_endpoint_auth_method === "none") return client;
    return client.client_secret !== undefined && secret === client.client_secret ? client : undefined;
  }

  const routes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname;
    const discovery = options.discovery ?? "both";
    if (req.method === "GET" && path.startsWith("/.well-known/")) {
      metadataRequests++;
      if (state.metadataFailing) return json(res, 500, { error: "server_error" });
    }
    if (req.method === "GET" && path === "/.well-known/oauth-authorization-server" && discovery !== "openid") return json(res, 200, metadata());
    if (req.method === "GET" && path === "/.well-known/openid-configuration" && discovery !== "oauth") return json(res, 200, { ...metadata(), subject_types_supported: ["public"], id_token_signing_alg_values_supported: ["RS256"] });
    if (req.method === "GET" && path === "/jwks") {
      jwksFetches++;
      return json(res, 200, { keys: keys.map((k) => k.publicJwk) });
    }
    if (req.method === "POST" && path === "/register") {
      const body = JSON.parse(await readText(req)) as Record<string, unknown>;
      const redirectUris = Array.isArray(body.redirect_uris) ? body.redirect_uris.filter((u): u is string => typeof u === "string") : [];
      const method = typeof body.token_endpoint_auth_method === "string" ? body.token_endpoint_auth_method : "client_secret_basic";
      const client: RegisteredClient = {
        client_id: `client-${randomUUID()}`,
        ...(method === "none" ? {} : { client_secret: randomBytes(16).toString("hex") }),
        redirect_uris: redirectUris,
        token_endpoint_auth_method: method,
        grant_types: Array.isArray(body.grant_types) ? (body.grant_types as string[]) : ["authorization_code"],
        ...(typeof body.scope === "string" ? { scope: body.scope } : {}),
      };
      clients.set(client.client_id, client);
      return json(res, 201, { ...body, ...client, client_id_issued_at: Math.floor(Date.now() / 1000) });
    }
    if (req.method === "GET" && path === "/authorize") {
      const q = url.searchParams;
      const client = clients.get(q.get("client_id") ?? "");
      const redirectUri = q.get("redirect_uri") ?? "";
      if (client === undefined || !client.redirect_uris.includes(redirectUri)) return json(res, 400, { error: "invalid_request", error_description: "unknown client or redirect_uri" });
      if (q.get("response_type") !== "code" || q.get("code_challenge_method") !== "S256" || !q.get("code_challenge")) {
        return json(res, 400, { error: "invalid_request", error_description: "PKCE with S256 is required" });
      }
      const code = randomBytes(16).toString("base64url");
      codes.set(code, {
        clientId: client.client_id,
        redirectUri,
        challenge: q.get("code_challenge")!,
        ...(q.get("scope") ? { scope: q.get("scope")! } : {}),
        ...(q.get("resource") ? { resource: q.get("resource")! } : {}),
        expiresAt: Date.now() + 60_000,
      });
      const target = new URL(redirectUri);
      target.searchParams.set("code", code);
      if (q.get("state")) target.searchParams.set("state", q.get("state")!);
      res.writeHead(302, { location: target.href }).end();
      return;
    }
    if (req.method === "POST" && path === "/token") {
      const form = new URLSearchParams(await readText(req));
      const client = authenticateClient(req, form);
      if (client === undefined) return json(res, 401, { error: "invalid_client" });
      const resource = form.get("resource") ?? undefined;
      switch (form.get("grant_type")) {
        case "client_credentials": {
          if (client.client_secret === undefined) return json(res, 400, { error: "unauthorized_client" });
          return json(res, 200, await issueToken(client, client.client_id, form.get("scope") ?? client.scope, resource));
        }
        case "authorization_code": {
          const code = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          if (code === undefined || code.expiresAt < Date.now() || code.clientId !== client.client_id || code.redirectUri !== form.get("redirect_uri")) {
            return json(res, 400, { error: "invalid_grant" });
          }
          const verifier = form.get("code_verifier") ?? "";
          if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge) return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
          if (resource !== undefined && code.resource !== undefined && resource !== code.resource) return json(res, 400, { error: "invalid_target" });
          return json(res, 200, await issueToken(client, "user-1", code.scope, resource ?? code.resource));
        }
        default:
          return json(res, 400, { error: "unsupported_grant_type" });
      }
    }
    if (req.method === "POST" && path === "/introspect") {
      introspections++;
      const expected = `Basic ${Buffer.from(`${resourceServerClient.id}:${resourceServerClient.secret}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return json(res, 401, { error: "invalid_client" });
      const token = new URLSearchParams(await readText(req)).get("token") ?? "";
      const claims = opaqueTokens.get(token);
      const expired = typeof claims?.exp === "number" && claims.exp * 1000 <= Date.now();
      if (claims === undefined || revoked.has(token) || expired || claims.active === false) return json(res, 200, { active: false });
      return json(res, 200, { active: true, iss: issuer, token_type: "Bearer", ...claims });
    }
    json(res, 404, { error: "not_found" });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    routes(req, res, url).catch((error: Error) => json(res, 500, { error: "server_error", error_description: error.message }));
  });
  await spare;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    tokenUrl: `${issuer}/token`,
    introspectionUrl: `${issuer}/introspect`,
    get currentKid() {
      return keys[keys.length - 1]!.kid;
    },
    get jwksFetches() {
      return jwksFetches;
    },
    get introspections() {
      return introspections;
    },
    get metadataRequests() {
      return metadataRequests;
    },
    get metadataFailing() {
      return state.metadataFailing;
    },
    set metadataFailing(value: boolean) {
      state.metadataFailing = value;
    },
    resourceServerClient,
    addClient(scope?: string) {
      const client: RegisteredClient = {
        client_id: `client-${randomUUID()}`,
        client_secret: randomBytes(16).toString("hex"),
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["client_credentials"],
        ...(scope !== undefined ? { scope } : {}),
      };
      clients.set(client.client_id, client);
      return { id: client.client_id, secret: client.client_secret! };
    },
    async rotate(how = {}) {
      const next = await spare;
      spare = newKey(`key-${randomUUID().slice(0, 8)}`);
      if (how.retireOld) keys.length = 0;
      keys.push(next);
      return next.kid;
    },
    sign,
    opaque,
    revoke(token: string) {
      revoked.add(token);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) req.destroy(new Error("body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
