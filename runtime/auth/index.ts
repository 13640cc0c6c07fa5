// The authorization core: what the HTTP transport and the server's options need.
export type { AuthInfo, AuthFailure, AuthOutcome } from "./types.js";
export { Authenticator, type AuthenticatorConfig } from "./authenticator.js";
export { AUTH_OPTIONS, authenticatorConfig, type AuthOptionRow, type AuthSettings } from "./options.js";
export { resourceIdentifier, metadataPaths, metadataUrl, bearerChallenge, protectedResourceMetadata, type ProtectedResourceMetadata } from "./protected-resource.js";
export { DEFAULT_JWT_ALGORITHMS, type JwtVerifierOptions } from "./jwt-verifier.js";
export type { IntrospectionOptions } from "./introspection-verifier.js";
