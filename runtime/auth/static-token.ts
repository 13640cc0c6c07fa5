// The operator's one shared bearer token (MCPC_AUTH_TOKEN), as one more way
// of accepting a token. It names no user or client; it grants the scopes it
// is given (all the server's scopes: it is the owner's key).
import { createHash, timingSafeEqual } from "node:crypto";
import { rejection, type AuthInfo, type TokenVerifier, type VerifyResult } from "./types.js";

export class StaticTokenVerifier implements TokenVerifier {
  private readonly expected: Buffer;
  private readonly scopes: readonly string[];

  constructor(token: string, scopes: readonly string[] = []) {
    if (token === "") throw new Error("the static bearer token is empty");
    this.expected = digest(token);
    this.scopes = [...scopes];
  }

  /** Whether `token` is the static token. Both sides are hashed first, so the comparison reveals not even the length. */
  matches(token: string): boolean {
    return timingSafeEqual(digest(token), this.expected);
  }

  known(token: string): VerifyResult {
    if (!this.matches(token)) return rejection("invalid_token", "The access token is not valid");
    const auth: AuthInfo = { subject: undefined, clientId: undefined, scopes: this.scopes, claims: {}, token };
    return auth;
  }

  verify(token: string): Promise<VerifyResult> {
    return Promise.resolve(this.known(token));
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
