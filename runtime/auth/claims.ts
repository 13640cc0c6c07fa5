// Reads the caller's identity out of verified claims: the same mapping for a
// JWT's payload and an introspection answer (RFC 7662 uses the JWT claim names).
import type { AuthInfo } from "./types.js";

export function authInfoFromClaims(claims: Record<string, unknown>, token: string): AuthInfo {
  const exp = claims.exp;
  return {
    subject: stringClaim(claims.sub),
    // RFC 9068 names it client_id; OpenID providers put it in azp; Okta in cid.
    clientId: stringClaim(claims.client_id) ?? stringClaim(claims.azp) ?? stringClaim(claims.cid),
    scopes: scopesOf(claims),
    claims,
    token,
    ...(typeof exp === "number" ? { expiresAt: exp } : {}),
  };
}

/** Scopes from `scope` (RFC 9068/7662: space-separated) or `scp` (Azure AD, Okta: an array or a string). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const scope = claims.scope ?? claims.scp;
  if (typeof scope === "string") return scope.split(" ").filter((s) => s !== "");
  if (Array.isArray(scope)) return scope.filter((s): s is string => typeof s === "string" && s !== "");
  return [];
}

/** The audiences a token names (`aud` is a string or an array). */
export function audiencesOf(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === "string");
  return [];
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
