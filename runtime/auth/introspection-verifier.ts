// Accepts opaque access tokens by asking the authorization server about them
// (RFC 7662 token introspection), authenticating as this resource server with
// client credentials. Answers are remembered until the token expires, and
// concurrent requests with the same token share one introspection call.
import { audiencesOf, authInfoFromClaims } from "./claims.js";
import { DEFAULT_FETCH_LIMITS, FetchFailed, fetchJsonObject, type FetchLimits } from "./fetch-json.js";
import { sameIssuer } from "./issuer-metadata.js";
import { TokenCache } from "./token-cache.js";
import { rejection, type TokenVerifier, type VerifyResult } from "./types.js";

export interface IntrospectionOptions {
  /** The introspection endpoint (`--auth-introspect`). */
  endpoint: string;
  /** This resource server's credentials at the authorization server (MCPC_AUTH_CLIENT_ID / MCPC_AUTH_CLIENT_SECRET). */
  clientId: string;
  clientSecret: string;
  /** Accepted audiences. An answer that names audiences must name one of these. */
  audiences: readonly string[];
  /** When set, an answer that names an issuer must name this one. */
  issuer?: string;
  /** How long an active answer without `exp` is trusted. */
  activeWithoutExpiryMs?: number;
  /** How long an inactive answer is remembered (a revoked token does not come back). */
  inactiveMs?: number;
  cacheEntries?: number;
  maxTokenLength?: number;
  fetchLimits?: FetchLimits;
  now?: () => number;
}

export class IntrospectionVerifier implements TokenVerifier {
  private readonly cache: TokenCache<VerifyResult>;
  /** Introspections in flight, by token: a burst of requests with one new token makes one call. */
  private readonly pending = new Map<string, Promise<VerifyResult>>();
  private readonly authorization: string;
  private readonly limits: FetchLimits;
  private readonly now: () => number;
  private readonly maxTokenLength: number;
  private readonly maxPending: number;
  /** Number of introspection calls made (for tests and diagnostics). */
  calls = 0;

  get issuer(): string | undefined {
    return this.options.issuer;
  }

  constructor(private readonly options: IntrospectionOptions) {
    const entries = options.cacheEntries ?? 10_000;
    this.cache = new TokenCache(entries, options.now);
    this.maxPending = Math.max(1, Math.min(entries, 1000));
    this.limits = options.fetchLimits ?? DEFAULT_FETCH_LIMITS;
    this.now = options.now ?? Date.now;
    this.maxTokenLength = options.maxTokenLength ?? 8192;
    // client_secret_basic (RFC 6749 §2.3.1): each part form-encoded before base64.
    this.authorization = `Basic ${Buffer.from(`${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`).toString("base64")}`;
  }

  known(token: string): VerifyResult | undefined {
    if (token.length > this.maxTokenLength) return rejection("invalid_token", "The access token is too long");
    return this.cache.get(token);
  }

  verify(token: string): Promise<VerifyResult> {
    const known = this.known(token);
    if (known !== undefined) return Promise.resolve(known);
    const inFlight = this.pending.get(token);
    if (inFlight !== undefined) return inFlight;
    if (this.pending.size >= this.maxPending) {
      return Promise.resolve(rejection("unavailable", "Too many tokens are being checked at once; retry later", "mcpc: introspection: too many calls in flight"));
    }
    const call = this.introspect(token).finally(() => this.pending.delete(token));
    this.pending.set(token, call);
    return call;
  }

  private async introspect(token: string): Promise<VerifyResult> {
    this.calls++;
    let answer: Record<string, unknown>;
    try {
      answer = await fetchJsonObject(
        this.options.endpoint,
        {
          method: "POST",
          headers: { authorization: this.authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ token, token_type_hint: "access_token" }).toString(),
        },
        this.limits,
      );
    } catch (error) {
      const detail = error instanceof FetchFailed && (error.status === 401 || error.status === 403)
        ? `mcpc: introspection: ${this.options.endpoint} refused this server's client credentials (HTTP ${error.status})`
        : `mcpc: introspection: ${(error as Error).message}`;
      return rejection("unavailable", "The access token could not be checked; retry later", detail);
    }
    const now = this.now();
    if (answer.active !== true) {
      const refused = rejection("invalid_token", "The access token is not active");
      this.cache.set(token, refused, now + (this.options.inactiveMs ?? 30_000));
      return refused;
    }
    const exp = answer.exp;
    if (typeof exp === "number" && exp * 1000 <= now) {
      return rejection("invalid_token", "The access token has expired");
    }
    const audiences = audiencesOf(answer);
    if (audiences.length > 0 && !audiences.some((a) => this.options.audiences.includes(a))) {
      const refused = rejection("invalid_token", "The access token was not issued for this resource (aud)");
      this.cache.set(token, refused, now + (this.options.inactiveMs ?? 30_000));
      return refused;
    }
    if (this.options.issuer !== undefined && typeof answer.iss === "string" && !sameIssuer(answer.iss, this.options.issuer)) {
      return rejection("invalid_token", "The access token was not issued by the expected authorization server (iss)");
    }
    const auth = authInfoFromClaims(answer, token);
    const until = typeof exp === "number" ? exp * 1000 : now + (this.options.activeWithoutExpiryMs ?? 60_000);
    this.cache.set(token, auth, until);
    return auth;
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
