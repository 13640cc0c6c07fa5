// Finds an authorization server's metadata from its issuer URL: RFC 8414
// first, then OpenID Connect Discovery, in the order the MCP authorization
// spec asks clients to try them (so a server finds what its clients find).
import { FetchFailed, fetchJsonObject, type FetchLimits } from "./fetch-json.js";

export interface IssuerMetadata {
  /** The issuer exactly as the metadata spells it: what `iss` must equal. */
  issuer: string;
  jwks_uri?: string;
  introspection_endpoint?: string;
  [field: string]: unknown;
}

/** The metadata URLs for an issuer, most specific first. */
export function issuerMetadataUrls(issuer: string): URL[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, "");
  if (path === "") {
    return [new URL("/.well-known/oauth-authorization-server", url.origin), new URL("/.well-known/openid-configuration", url.origin)];
  }
  return [
    new URL(`/.well-known/oauth-authorization-server${path}`, url.origin),
    new URL(`/.well-known/openid-configuration${path}`, url.origin),
    new URL(`${path}/.well-known/openid-configuration`, url.origin),
  ];
}

/**
 * The first metadata document found for `issuer` whose `issuer` names it
 * (RFC 8414 §3.3: a document for another issuer must not be used). A missing
 * document (4xx) moves on to the next URL; anything else is a FetchFailed.
 */
export async function discoverIssuerMetadata(issuer: string, limits: FetchLimits): Promise<IssuerMetadata> {
  const tried: string[] = [];
  for (const url of issuerMetadataUrls(issuer)) {
    let document: Record<string, unknown>;
    try {
      document = await fetchJsonObject(url, { headers: { accept: "application/json" } }, limits);
    } catch (error) {
      if (error instanceof FetchFailed && error.status !== undefined && error.status >= 400 && error.status < 500) {
        tried.push(`${url.href} (HTTP ${error.status})`);
        continue;
      }
      throw error;
    }
    if (typeof document.issuer !== "string" || !sameIssuer(document.issuer, issuer)) {
      throw new FetchFailed(`${url.href} describes issuer ${JSON.stringify(document.issuer)}, not ${issuer}`);
    }
    if (document.jwks_uri !== undefined && typeof document.jwks_uri !== "string") throw new FetchFailed(`${url.href}: jwks_uri is not a string`);
    return document as IssuerMetadata;
  }
  throw new FetchFailed(`no authorization server metadata for ${issuer}: tried ${tried.join(", ")}`);
}

/** Issuers compare as strings; a trailing slash is the one difference providers and operators disagree on. */
export function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}
