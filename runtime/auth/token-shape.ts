// What a bearer credential and a JWT look like, checked before any
// cryptography or I/O is spent on them.

/** `Authorization: Bearer <b64token>` (RFC 6750 §2.1); the token is group 1. */
export const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** True for the compact serialization of a signed JWT: three base64url parts. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}
