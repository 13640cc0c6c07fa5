// The authorization settings and the one function that turns their values
// into an Authenticator's configuration, checking that they fit together.
import type { AuthenticatorConfig } from "./authenticator.js";
import { resourceIdentifier } from "./protected-resource.js";

/** The authorization settings, parsed (the rows are in runtime/server-options.ts, with the other HTTP options). */
export interface AuthSettings {
  publicUrl?: string;
  authIssuer?: string;
  authJwks?: string;
  authAudience?: string[];
  authAlgorithms?: string[];
  authClockSkew?: number;
  authIntrospect?: string;
  authClientId?: string;
  authClientSecret?: string;
  authToken?: string;
}

/**
 * The authenticator's configuration, or undefined when no option asks for
 * authentication. Throws an Error whose message names the option at fault.
 * `endpointPath` is the MCP endpoint's path; `scopesSupported` comes from the
 * server definition (the tools' scopes).
 */
export function authenticatorConfig(settings: AuthSettings, endpointPath: string, scopesSupported: readonly string[] = []): AuthenticatorConfig | undefined {
  const oauth = settings.authIssuer !== undefined || settings.authIntrospect !== undefined;
  if (!oauth) {
    for (const name of ["authJwks", "authAudience", "authClientId", "authClientSecret"] as const) {
      if (settings[name] !== undefined) throw new Error(`${describe(name)} needs --auth-issuer or --auth-introspect`);
    }
    return settings.authToken !== undefined ? { staticToken: settings.authToken, scopesSupported } : undefined;
  }
  if (settings.publicUrl === undefined) {
    throw new Error(`${settings.authIssuer !== undefined ? "--auth-issuer" : "--auth-introspect"} needs --public-url (MCPC_PUBLIC_URL): the URL clients reach this server at, which tokens must be issued for`);
  }
  const resource = resourceIdentifier(settings.publicUrl, endpointPath);
  const audiences = settings.authAudience !== undefined && settings.authAudience.length > 0 ? settings.authAudience : [resource];
  const config: AuthenticatorConfig = { resource, scopesSupported, ...(settings.authToken !== undefined ? { staticToken: settings.authToken } : {}) };
  if (settings.authIssuer !== undefined) {
    checkUrl("--auth-issuer", settings.authIssuer);
    if (settings.authJwks !== undefined) checkUrl("--auth-jwks", settings.authJwks);
    config.jwt = {
      issuer: settings.authIssuer,
      audiences,
      ...(settings.authJwks !== undefined ? { jwksUrl: settings.authJwks } : {}),
      ...(settings.authAlgorithms !== undefined ? { algorithms: settings.authAlgorithms } : {}),
      ...(settings.authClockSkew !== undefined ? { clockToleranceSeconds: settings.authClockSkew } : {}),
    };
  } else if (settings.authJwks !== undefined) {
    throw new Error("--auth-jwks needs --auth-issuer (the issuer whose keys they are)");
  }
  if (settings.authIntrospect !== undefined) {
    checkUrl("--auth-introspect", settings.authIntrospect);
    if (settings.authClientId === undefined || settings.authClientSecret === undefined) {
      throw new Error("--auth-introspect needs MCPC_AUTH_CLIENT_ID and MCPC_AUTH_CLIENT_SECRET (this server's credentials at the authorization server)");
    }
    config.introspection = {
      endpoint: settings.authIntrospect,
      clientId: settings.authClientId,
      clientSecret: settings.authClientSecret,
      audiences,
      ...(settings.authIssuer !== undefined ? { issuer: settings.authIssuer } : {}),
    };
    if (settings.authIssuer === undefined) {
      // The metadata must name an authorization server; the introspection endpoint's origin is the best guess without --auth-issuer.
      config.authorizationServers = [new URL(settings.authIntrospect).origin];
    }
  }
  return config;
}

function describe(name: "authJwks" | "authAudience" | "authClientId" | "authClientSecret"): string {
  return { authJwks: "--auth-jwks", authAudience: "--auth-audience", authClientId: "MCPC_AUTH_CLIENT_ID", authClientSecret: "MCPC_AUTH_CLIENT_SECRET" }[name];
}

function checkUrl(option: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${option}: ${JSON.stringify(value)} is not an absolute URL`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new Error(`${option}: ${value} must be https (http only on loopback, for development)`);
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname.startsWith("127.");
}

