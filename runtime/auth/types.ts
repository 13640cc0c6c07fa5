// What a verified caller looks like, and what a verifier answers. Every way
// of accepting a bearer token (a JWT, an introspected opaque token, the
// static token) produces the same AuthInfo, so the transport and the tools
// never need to know which one let the caller in.

/** The verified caller of a request: what a tool sees as `ctx.auth`. */
export interface AuthInfo {
  /** The token's `sub`: the user (or, for client_credentials, often the client). */
  readonly subject: string | undefined;
  /** The OAuth client the token was issued to (`client_id`, else `azp`). */
  readonly clientId: string | undefined;
  /** Granted scopes, from `scope` (space-separated) or `scp`. */
  readonly scopes: readonly string[];
  /** Every claim of the token (or of the introspection answer), as verified. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** The bearer token itself, for a tool that must present it to the issuer (never forward it elsewhere). */
  readonly token: string;
  /** Expiry, in seconds since the epoch, when the token has one. */
  readonly expiresAt?: number;
}

/**
 * A refusal, ready to send: the HTTP status and the WWW-Authenticate header
 * the client reads to start (or repeat) the OAuth flow.
 */
export interface AuthFailure {
  readonly status: 401 | 403 | 503;
  /** The WWW-Authenticate header value (RFC 6750 §3 with RFC 9728's resource_metadata). */
  readonly wwwAuthenticate: string;
  /** The OAuth error code, when there is one (no code when the request carried no token at all). */
  readonly error?: "invalid_token" | "insufficient_scope" | "temporarily_unavailable";
  /** Safe to show the client: says what is wrong without echoing the token. */
  readonly description: string;
  /** For the operator's log only (e.g. why the issuer could not be reached); never sent. */
  readonly detail?: string;
}

export type AuthOutcome = { readonly ok: true; readonly auth: AuthInfo } | ({ readonly ok: false } & AuthFailure);

/**
 * Why one verifier refused a token. The authenticator turns it into an
 * AuthFailure with the challenge of this server.
 */
export interface TokenRejection {
  readonly rejected: true;
  /** `invalid_token`: the client should get a new token. `unavailable`: our side (issuer down), retry later. */
  readonly reason: "invalid_token" | "unavailable";
  /** Short and safe for the client. */
  readonly description: string;
  /** For the operator. */
  readonly detail?: string;
}

export type VerifyResult = AuthInfo | TokenRejection;

/** One way of accepting a bearer token. */
export interface TokenVerifier {
  /** The answer already known for this token (cached, or needing no I/O), or undefined when verify() must run. */
  known(token: string): VerifyResult | undefined;
  verify(token: string): Promise<VerifyResult>;
}

export function isRejection(result: VerifyResult): result is TokenRejection {
  return (result as TokenRejection).rejected === true;
}

export function rejection(reason: TokenRejection["reason"], description: string, detail?: string): TokenRejection {
  return detail === undefined ? { rejected: true, reason, description } : { rejected: true, reason, description, detail };
}
