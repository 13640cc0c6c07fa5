// What this server publishes about itself as an OAuth protected resource:
// the RFC 9728 metadata document and where it is served, the RFC 8707
// resource identifier tokens must be issued for, and the WWW-Authenticate
// challenges (RFC 6750 §3) that point clients at the metadata.

export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
  bearer_methods_supported: ["header"];
  resource_name?: string;
}

/**
 * The canonical URI of the MCP endpoint (the RFC 8707 resource): the public
 * base URL and the endpoint's path, with scheme and host lower-cased and no
 * trailing slash, query or fragment.
 */
export function resourceIdentifier(publicUrl: string, endpointPath = "/mcp"): string {
  let base: URL;
  try {
    base = new URL(publicUrl);
  } catch {
    throw new Error(`--public-url: ${JSON.stringify(publicUrl)} is not an absolute URL`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new Error(`--public-url: ${publicUrl} is not an http(s) URL`);
  if (base.search !== "" || base.hash !== "") throw new Error(`--public-url: ${publicUrl} must have no query or fragment`);
  const basePath = base.pathname.replace(/\/+$/, "");
  const path = endpointPath.startsWith("/") ? endpointPath : `/${endpointPath}`;
  return `${base.origin}${basePath}${path}`.replace(/\/+$/, "");
}

/** The paths the metadata is served at: after the endpoint's path (what the spec tries first), then the root. */
export function metadataPaths(resource: string): string[] {
  const path = new URL(resource).pathname.replace(/\/+$/, "");
  const root = "/.well-known/oauth-protected-resource";
  return path === "" ? [root] : [`${root}${path}`, root];
}

/** The URL that `resource_metadata` in a challenge names. */
export function metadataUrl(resource: string): string {
  const url = new URL(resource);
  return `${url.origin}${metadataPaths(resource)[0]}`;
}

export function protectedResourceMetadata(options: {
  resource: string;
  authorizationServers: readonly string[];
  scopesSupported?: readonly string[];
  resourceName?: string;
}): ProtectedResourceMetadata {
  if (options.authorizationServers.length === 0) throw new Error("protected resource metadata needs at least one authorization server");
  return {
    resource: options.resource,
    authorization_servers: [...options.authorizationServers],
    ...(options.scopesSupported !== undefined && options.scopesSupported.length > 0 ? { scopes_supported: [...options.scopesSupported] } : {}),
    bearer_methods_supported: ["header"],
    ...(options.resourceName !== undefined ? { resource_name: options.resourceName } : {}),
  };
}

export interface ChallengeParts {
  /** Omitted when the request carried no token (RFC 6750 §3.1). */
  error?: string;
  description?: string;
  /** Space-separated scopes the client should ask for. */
  scope?: string;
  /** Where the client finds the protected resource metadata. */
  resourceMetadata?: string;
}

/** `Bearer error="…", error_description="…", scope="…", resource_metadata="…"` with only the parts given. */
export function bearerChallenge(parts: ChallengeParts): string {
  const params: string[] = [];
  if (parts.error !== undefined) params.push(`error="${quotable(parts.error)}"`);
  if (parts.description !== undefined) params.push(`error_description="${quotable(parts.description)}"`);
  if (parts.scope !== undefined && parts.scope !== "") params.push(`scope="${quotable(parts.scope)}"`);
  if (parts.resourceMetadata !== undefined) params.push(`resource_metadata="${quotable(parts.resourceMetadata)}"`);
  return params.length === 0 ? "Bearer" : `Bearer ${params.join(", ")}`;
}

/**
 * A quoted-string's content: RFC 6750 allows only printable ASCII other than
 * `"` and `\` in these values, and a header must never carry a line break.
 */
function quotable(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "?");
}
