// Verifies JWT access tokens against the issuer's published keys (jose does
// the cryptography). The keys are found from the issuer's metadata, or from
// a configured JWKS URL; an unknown `kid` refetches them at most once per
// cool-down, so made-up key ids cannot turn every request into a fetch.
// Verified tokens are remembered until they expire: a client presents the
// same token on every request, and a signature check costs far more than a
// lookup.
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { looksLikeJwt } from "./token-shape.js";
import { authInfoFromClaims } from "./claims.js";
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, DEFAULT_JWT_ALGORITHMS } from "./defaults.js";
import { DEFAULT_FETCH_LIMITS, FetchFailed, fetchBounded, type FetchLimits } from "./fetch-json.js";
import { discoverIssuerMetadata } from "./issuer-metadata.js";
import { TokenCache } from "./token-cache.js";
import { rejection, type TokenRejection, type TokenVerifier, type VerifyResult } from "./types.js";


export interface JwtVerifierOptions {
  /** The issuer URL (`--auth-issuer`); `iss` must name it. */
  issuer: string;
  /** Accepted `aud` values: the resource (RFC 8707), or what the operator configured instead. A token must name one. */
  audiences: readonly string[];
  /** The JWKS URL (`--auth-jwks`); found from the issuer's metadata when absent. */
  jwksUrl?: string;
  algorithms?: readonly string[];
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. */
  clockToleranceSeconds?: number;
  /** After fetching the keys, how long an unknown `kid` is refused without fetching them again. */
  jwksCooldownMs?: number;
  /** How long fetched keys are used before they are fetched again anyway. */
  jwksMaxAgeMs?: number;
  /** Most verified tokens remembered. */
  cacheEntries?: number;
  /** Longest token considered at all. */
  maxTokenLength?: number;
  fetchLimits?: FetchLimits;
  now?: () => number;
}


/** Refuses algorithms that must never verify a bearer token from a public key set. */
export function checkAlgorithms(algorithms: readonly string[]): string[] {
  const refused = algorithms.filter((alg) => alg.toLowerCase() === "none" || /^HS/i.test(alg) || !DEFAULT_JWT_ALGORITHMS.includes(alg));
  if (refused.length > 0) {
    throw new Error(`JWT algorithms not allowed: ${refused.join(", ")} (allowed: ${DEFAULT_JWT_ALGORITHMS.join(", ")}; "none" and HMAC never are)`);
  }
  if (algorithms.length === 0) throw new Error("JWT algorithms: the list is empty");
  return [...algorithms];
}

export class JwtVerifier implements TokenVerifier {
  private readonly algorithms: string[];
  private readonly audiences: string[];
  private readonly tolerance: number;
  private readonly cache: TokenCache<VerifyResult>;
  /** Refusals, apart: a stream of junk tokens must not evict the good ones. */
  private readonly refused: TokenCache<TokenRejection>;
  private readonly limits: FetchLimits;
  private readonly now: () => number;
  private readonly maxTokenLength: number;
  /** The keys, once their URL is known. */
  private keys: JWTVerifyGetKey | undefined;
  /** The issuer as its metadata spells it (what `iss` must equal). */
  private expectedIssuer: string;
  /** Discovery in progress, shared by the requests that wait for it. */
  private discovering: Promise<void> | undefined;
  /** When discovery last failed: it is not retried within the cool-down. */
  private discoveryFailedAt = -Infinity;
  private discoveryError = "";
  /** Number of times the key set was fetched (for tests and diagnostics). */
  keyFetches = 0;

  get issuer(): string {
    return this.options.issuer;
  }

  constructor(private readonly options: JwtVerifierOptions) {
    this.algorithms = checkAlgorithms(options.algorithms ?? DEFAULT_JWT_ALGORITHMS);
    if (options.audiences.length === 0) throw new Error("JWT verification needs the audience this server accepts (--public-url or --auth-audience)");
    this.audiences = [...options.audiences];
    this.tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    this.cache = new TokenCache(options.cacheEntries ?? 10_000, options.now);
    this.refused = new TokenCache(Math.min(options.cacheEntries ?? 10_000, 1000), options.now);
    this.limits = options.fetchLimits ?? DEFAULT_FETCH_LIMITS;
    this.now = options.now ?? Date.now;
    this.maxTokenLength = options.maxTokenLength ?? 8192;
    this.expectedIssuer = options.issuer;
    if (options.jwksUrl !== undefined) this.keys = this.remoteKeys(options.jwksUrl);
  }

  known(token: string): VerifyResult | undefined {
    if (token.length > this.maxTokenLength) return rejection("invalid_token", "The access token is too long");
    if (!looksLikeJwt(token)) return rejection("invalid_token", "The access token is not a JWT");
    return this.cache.get(token) ?? this.refused.get(token);
  }

  async verify(token: string): Promise<VerifyResult> {
    const known = this.known(token);
    if (known !== undefined) return known;
    const keys = await this.keySet();
    if (typeof keys !== "function") return keys;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: this.algorithms,
        issuer: this.expectedIssuer,
        audience: this.audiences,
        clockTolerance: this.tolerance,
        requiredClaims: ["exp"],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      const refused = describeJoseError(error);
      // A bad token stays bad: remember the refusal briefly so a client that
      // repeats it costs no further signature checks. Not an unknown key,
      // which a key rotation may make good, nor our own outage.
      if (refused.reason === "invalid_token" && (error as { code?: string }).code !== "ERR_JWKS_NO_MATCHING_KEY") {
        this.refused.set(token, refused, this.now() + 60_000);
      }
      return refused;
    }
    const auth = authInfoFromClaims(payload as Record<string, unknown>, token);
    // Until it expires (jose has just checked `exp` is there), and no longer.
    this.cache.set(token, auth, (payload.exp! + this.tolerance) * 1000);
    return auth;
  }

  private async keySet(): Promise<JWTVerifyGetKey | TokenRejection> {
    if (this.keys !== undefined) return this.keys;
    const cooldown = this.options.jwksCooldownMs ?? 30_000;
    if (this.discovering === undefined) {
      if (this.now() - this.discoveryFailedAt < cooldown) {
        return rejection("unavailable", "The authorization server's keys are unavailable; retry later", this.discoveryError);
      }
      this.discovering = discoverIssuerMetadata(this.options.issuer, this.limits).then((metadata) => {
        if (metadata.jwks_uri === undefined) throw new FetchFailed(`the metadata of ${this.options.issuer} has no jwks_uri (set --auth-jwks)`);
        this.expectedIssuer = metadata.issuer;
        this.keys = this.remoteKeys(metadata.jwks_uri);
      });
    }
    try {
      await this.discovering;
    } catch (error) {
      this.discoveryFailedAt = this.now();
      this.discoveryError = `mcpc: authorization server metadata: ${(error as Error).message}`;
      return rejection("unavailable", "The authorization server's keys are unavailable; retry later", this.discoveryError);
    } finally {
      this.discovering = undefined;
    }
    return this.keys!;
  }

  private remoteKeys(url: string): JWTVerifyGetKey {
    const limits = this.limits;
    const count = (): void => {
      this.keyFetches++;
    };
    return createRemoteJWKSet(new URL(url), {
      cooldownDuration: this.options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: this.options.jwksMaxAgeMs ?? 10 * 60_000,
      timeoutDuration: limits.timeoutMs,
      // The key set is read with the same bounds as every other document from the issuer.
      [customFetch]: async (input: string, init: RequestInit) => {
        count();
        const { status, text } = await fetchBounded(input, { headers: init.headers }, limits);
        if (status !== 200) throw new FetchFailed(`${input} answered HTTP ${status}`, status);
        try {
          JSON.parse(text);
        } catch {
          throw new FetchFailed(`${input} did not answer with JSON`, status);
        }
        return new Response(text, { status: 200, headers: { "content-type": "application/json" } });
      },
    });
  }
}

/** What to tell the client (and the operator) about a token jose refused. */
function describeJoseError(error: unknown): ReturnType<typeof rejection> {
  if (error instanceof FetchFailed) return rejection("unavailable", "The authorization server's keys are unavailable; retry later", `mcpc: JWKS: ${error.message}`);
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return rejection("invalid_token", "The access token has expired");
    case "ERR_JWT_CLAIM_VALIDATION_FAILED": {
      const claim = (error as { claim?: string }).claim;
      if (claim === "aud") return rejection("invalid_token", "The access token was not issued for this resource (aud)");
      if (claim === "iss") return rejection("invalid_token", "The access token was not issued by the expected authorization server (iss)");
      if (claim === "nbf") return rejection("invalid_token", "The access token is not valid yet (nbf)");
      return rejection("invalid_token", `The access token's "${claim ?? "?"}" claim is not acceptable`);
    }
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return rejection("invalid_token", "The access token's signature does not verify");
    case "ERR_JWKS_NO_MATCHING_KEY":
      return rejection("invalid_token", "The access token is signed with a key the authorization server does not publish");
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
      return rejection("invalid_token", "The access token's signing algorithm is not accepted");
    case "ERR_JWKS_TIMEOUT":
    case "ERR_JWKS_INVALID":
      return rejection("unavailable", "The authorization server's keys are unavailable; retry later", `mcpc: JWKS: ${(error as Error).message}`);
    case "ERR_JWT_INVALID":
    case "ERR_JWS_INVALID":
      return rejection("invalid_token", "The access token is malformed");
    default:
      if (code !== undefined && code.startsWith("ERR_J")) return rejection("invalid_token", "The access token is not valid");
      // Not jose's verdict on the token: our side failed (network, a bug).
      return rejection("unavailable", "The access token could not be verified; retry later", `mcpc: JWT verification failed: ${(error as Error)?.message ?? String(error)}`);
  }
}
