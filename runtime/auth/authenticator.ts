// The one thing the HTTP transport calls: given a request's Authorization
// header, the verified caller or a ready-to-send refusal. It routes the token
// to the verifier that can judge it (static token, JWT, introspection) and
// words every refusal as the MCP authorization spec asks, pointing clients at
// this server's protected resource metadata.
import type { IntrospectionOptions } from "./introspection-verifier.js";
import type { JwtVerifierOptions } from "./jwt-verifier.js";
import { bearerChallenge, metadataPaths, metadataUrl, protectedResourceMetadata, type ProtectedResourceMetadata } from "./protected-resource.js";
import { insufficientScopeMessage, missingScopes } from "./scopes.js";
import { StaticTokenVerifier } from "./static-token.js";
import { BEARER, looksLikeJwt } from "./token-shape.js";
import { isRejection, type AuthFailure, type AuthInfo, type AuthOutcome, type TokenRejection, type TokenVerifier, type VerifyResult } from "./types.js";

/** What the authenticator is built from: plain data (see authenticatorConfig in options.ts). */
export interface AuthenticatorConfig {
  /** The canonical URI of the MCP endpoint (see resourceIdentifier); required with OAuth. */
  resource?: string;
  /** Authorization servers named in the metadata; default: the JWT issuer. */
  authorizationServers?: readonly string[];
  /** Every scope the server's tools, resources and prompts ask for (scopes_supported). */
  scopesSupported?: readonly string[];
  /** The static bearer token (MCPC_AUTH_TOKEN). */
  staticToken?: string;
  jwt?: JwtVerifierOptions;
  introspection?: IntrospectionOptions;
}

/** The verifiers themselves, built by createAuthenticator. */
export interface AuthenticatorParts extends Omit<AuthenticatorConfig, "jwt" | "introspection"> {
  jwt?: TokenVerifier & { readonly issuer: string };
  introspection?: TokenVerifier & { readonly issuer: string | undefined };
}

/**
 * Builds the authenticator a configuration describes. The JWT verifier (and
 * the JOSE library with it) loads only when an issuer is configured: a
 * server with the static token alone starts without it.
 */
export async function createAuthenticator(config: AuthenticatorConfig): Promise<Authenticator> {
  const { jwt, introspection, ...rest } = config;
  const parts: AuthenticatorParts = { ...rest };
  if (jwt !== undefined) {
    const { JwtVerifier } = await loadJwtVerifier();
    parts.jwt = new JwtVerifier(jwt);
  }
  if (introspection !== undefined) {
    const { IntrospectionVerifier } = await import("./introspection-verifier.js");
    parts.introspection = new IntrospectionVerifier(introspection);
  }
  return new Authenticator(parts);
}


export class Authenticator {
  private readonly staticToken: StaticTokenVerifier | undefined;
  private readonly jwt: TokenVerifier | undefined;
  private readonly introspection: TokenVerifier | undefined;
  /** The RFC 9728 document, or undefined with only a static token (there is no OAuth flow to discover). */
  readonly metadata: ProtectedResourceMetadata | undefined;
  /** The same, serialised once. */
  readonly metadataJson: string | undefined;
  /** Request paths that serve the metadata. */
  readonly metadataPaths: readonly string[];
  private readonly resourceMetadata: string | undefined;
  /** The scope a 401 suggests: every scope the server knows, since a client cannot tell which calls it will make. */
  private readonly challengeScope: string | undefined;

  constructor(config: AuthenticatorParts) {
    const oauth = config.jwt !== undefined || config.introspection !== undefined;
    if (!oauth && config.staticToken === undefined) throw new Error("authentication needs a static token, an issuer or an introspection endpoint");
    const scopes = [...new Set(config.scopesSupported ?? [])];
    this.staticToken = config.staticToken !== undefined ? new StaticTokenVerifier(config.staticToken, scopes) : undefined;
    this.jwt = config.jwt;
    this.introspection = config.introspection;
    this.challengeScope = scopes.length > 0 ? scopes.join(" ") : undefined;
    if (oauth) {
      if (config.resource === undefined) throw new Error("OAuth needs the server's public URL (--public-url): tokens are checked against the resource it names");
      const servers = config.authorizationServers ?? (config.jwt !== undefined ? [config.jwt.issuer] : config.introspection?.issuer !== undefined ? [config.introspection.issuer] : []);
      if (servers.length === 0) throw new Error("OAuth needs the authorization server clients should use (--auth-issuer)");
      this.metadata = protectedResourceMetadata({ resource: config.resource, authorizationServers: servers, scopesSupported: scopes });
      this.metadataJson = JSON.stringify(this.metadata);
      this.metadataPaths = metadataPaths(config.resource);
      this.resourceMetadata = metadataUrl(config.resource);
    } else {
      this.metadata = undefined;
      this.metadataJson = undefined;
      this.metadataPaths = [];
      this.resourceMetadata = undefined;
    }
  }

  /**
   * The outcome when it needs no I/O: no or malformed credentials, the static
   * token, a token verified (or refused) before. Undefined means: call
   * authenticate(). Lets the transport answer in the same turn on the hot path.
   */
  authenticateKnown(authorization: string | undefined): AuthOutcome | undefined {
    const token = this.bearerToken(authorization);
    if (typeof token !== "string") return token;
    const verifier = this.verifierFor(token);
    if (verifier === undefined) return this.refuse(rejectionOf("The access token is not valid"));
    const known = verifier.known(token);
    return known === undefined ? undefined : this.outcome(known);
  }

  /** The verified caller, or the refusal to send (status and WWW-Authenticate). Never throws. */
  async authenticate(authorization: string | undefined): Promise<AuthOutcome> {
    const known = this.authenticateKnown(authorization);
    if (known !== undefined) return known;
    const token = this.bearerToken(authorization) as string;
    try {
      return this.outcome(await this.verifierFor(token)!.verify(token));
    } catch (error) {
      return this.refuse({ rejected: true, reason: "unavailable", description: "The access token could not be verified; retry later", detail: `mcpc: token verification failed: ${(error as Error)?.message ?? String(error)}` });
    }
  }

  /**
   * The 403 for a caller whose token lacks scopes an operation requires, or
   * undefined when it has them all. The challenge's scope lists the scopes
   * already granted together with the missing ones, so a client that steps up
   * keeps what it had (the spec's recommended approach).
   */
  requireScopes(auth: AuthInfo, required: readonly string[], what = "This operation"): AuthFailure | undefined {
    const missing = missingScopes(auth, required);
    if (missing.length === 0) return undefined;
    const scope = [...new Set([...auth.scopes, ...required])].join(" ");
    const description = insufficientScopeMessage(what, missing);
    return {
      status: 403,
      error: "insufficient_scope",
      description,
      wwwAuthenticate: bearerChallenge({ error: "insufficient_scope", description, scope, resourceMetadata: this.resourceMetadata }),
    };
  }

  /** The token of a well-formed Bearer header, or the refusal. */
  private bearerToken(authorization: string | undefined): string | AuthOutcome {
    if (authorization === undefined || authorization === "" || !/^Bearer(\s|$)/i.test(authorization)) {
      // No credentials at all: a bare challenge, no error code (RFC 6750 §3.1).
      const description = "Authorization required: send a bearer token";
      return { ok: false, status: 401, description, wwwAuthenticate: bearerChallenge({ scope: this.challengeScope, resourceMetadata: this.resourceMetadata }) };
    }
    const match = BEARER.exec(authorization);
    if (match === null) return this.refuse(rejectionOf("The Authorization header is not a well-formed bearer token"));
    return match[1]!;
  }

  private verifierFor(token: string): TokenVerifier | undefined {
    if (this.staticToken?.matches(token)) return this.staticToken;
    if (this.jwt !== undefined && (this.introspection === undefined || looksLikeJwt(token))) return this.jwt;
    return this.introspection;
  }

  private outcome(result: VerifyResult): AuthOutcome {
    return isRejection(result) ? this.refuse(result) : { ok: true, auth: result };
  }

  private refuse(rejected: TokenRejection): AuthOutcome {
    if (rejected.reason === "unavailable") {
      // Our side (the issuer or introspection unreachable): a 401 would send the client to re-authorize for nothing.
      return {
        ok: false,
        status: 503,
        error: "temporarily_unavailable",
        description: rejected.description,
        wwwAuthenticate: bearerChallenge({ resourceMetadata: this.resourceMetadata }),
        ...(rejected.detail !== undefined ? { detail: rejected.detail } : {}),
      };
    }
    return {
      ok: false,
      status: 401,
      error: "invalid_token",
      description: rejected.description,
      wwwAuthenticate: bearerChallenge({ error: "invalid_token", description: rejected.description, scope: this.challengeScope, resourceMetadata: this.resourceMetadata }),
      ...(rejected.detail !== undefined ? { detail: rejected.detail } : {}),
    };
  }
}

function rejectionOf(description: string): TokenRejection {
  return { rejected: true, reason: "invalid_token", description };
}

/**
 * jose verifies JWTs; it does not travel with the output (a server without
 * --auth-issuer never loads it), so where it is not installed the server
 * stops at start-up saying what to install, not at the first request.
 */
async function loadJwtVerifier(): Promise<typeof import("./jwt-verifier.js")> {
  try {
    return await import("./jwt-verifier.js");
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String((error as Error).message).includes("'jose'")) {
      throw new Error("--auth-issuer verifies JWTs with the package 'jose', which is not installed where the server runs: run 'npm i jose' there.", { cause: error });
    }
    throw error;
  }
}
