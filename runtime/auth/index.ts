// The authorization core: what the HTTP transport and the server's options need.
export type { AuthInfo, AuthFailure, AuthOutcome } from "./types.js";
export { Authenticator, createAuthenticator, type AuthenticatorConfig } from "./authenticator.js";
export { authenticatorConfig, type AuthSettings } from "./options.js";
export { resourceIdentifier, metadataPaths, metadataUrl, bearerChallenge, protectedResourceMetadata, type ProtectedResourceMetadata } from "./protected-resource.js";
export { DEFAULT_JWT_ALGORITHMS, DEFAULT_CLOCK_TOLERANCE_SECONDS } from "./defaults.js";
export type { JwtVerifierOptions } from "./jwt-verifier.js";
export type { IntrospectionOptions } from "./introspection-verifier.js";
