// Defaults shared by the options table and the verifiers, kept apart so that
// reading options does not load the JOSE library (a stdio server never needs it).

/** Asymmetric algorithms only: the keys come from a public JWKS, and a symmetric (HS*) check against public key material would let anyone sign. */
export const DEFAULT_JWT_ALGORITHMS: readonly string[] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

/** Leeway for `exp`, `nbf` and `iat`, in seconds: clocks of issuer and server differ a little. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
