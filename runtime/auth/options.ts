// The authorization options as plain data, one row per option, so that the
// server's option table can take them in as they are; and the one function
// that turns their values into an Authenticator's configuration.
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, DEFAULT_JWT_ALGORITHMS } from "./defaults.js";
import type { AuthenticatorConfig } from "./authenticator.js";
import { resourceIdentifier } from "./protected-resource.js";

export interface AuthOptionRow {
  /** The key in the settings object (and the config file). */
  name: keyof AuthSettings;
  /** The command-line flag; undefined for secrets, which belong in the environment only (argv is visible to ps). */
  flag: string | undefined;
  env: string;
  type: "string" | "url" | "list" | "seconds";
  default: string | number | readonly string[] | undefined;
  help: string;
}

/** Values of the options below, parsed. */
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

export const AUTH_OPTIONS: readonly AuthOptionRow[] = [
  { name: "publicUrl", flag: "--public-url", env: "MCPC_PUBLIC_URL", type: "url", default: undefined, help: "the server's public base URL; the MCP endpoint <base>/mcp is the resource tokens must be issued for (RFC 8707)" },
  { name: "authIssuer", flag: "--auth-issuer", env: "MCPC_AUTH_ISSUER", type: "url", default: undefined, help: "accept JWT access tokens from this OAuth issuer (keys found from its metadata)" },
  { name: "authJwks", flag: "--auth-jwks", env: "MCPC_AUTH_JWKS", type: "url", default: undefined, help: "the issuer's JWKS URL, instead of the one in its metadata" },
  { name: "authAudience", flag: "--auth-audience", env: "MCPC_AUTH_AUDIENCE", type: "list", default: undefined, help: "accepted token audiences instead of <public-url>/mcp (comma-separated)" },
  { name: "authAlgorithms", flag: "--auth-algorithms", env: "MCPC_AUTH_ALGORITHMS", type: "list", default: DEFAULT_JWT_ALGORITHMS, help: "accepted JWT signing algorithms (asymmetric only; never none or HS*)" },
  { name: "authClockSkew", flag: "--auth-clock-skew", env: "MCPC_AUTH_CLOCK_SKEW", type: "seconds", default: DEFAULT_CLOCK_TOLERANCE_SECONDS, help: "leeway for exp/nbf in seconds" },
  { name: "authIntrospect", flag: "--auth-introspect", env: "MCPC_AUTH_INTROSPECT", type: "url", default: undefined, help: "accept opaque tokens by RFC 7662 introspection at this URL (credentials: MCPC_AUTH_CLIENT_ID, MCPC_AUTH_CLIENT_SECRET)" },
  { name: "authClientId", flag: undefined, env: "MCPC_AUTH_CLIENT_ID", type: "string", default: undefined, help: "this server's client id at the introspection endpoint" },
  { name: "authClientSecret", flag: undefined, env: "MCPC_AUTH_CLIENT_SECRET", type: "string", default: undefined, help: "this server's client secret at the introspection endpoint" },
  { name: "authToken", flag: "--auth-token", env: "MCPC_AUTH_TOKEN", type: "string", default: undefined, help: 'require "Authorization: Bearer <token>" (prefer MCPC_AUTH_TOKEN: argv is visible to ps)' },
];

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

function describe(name: keyof AuthSettings): string {
  const row = AUTH_OPTIONS.find((r) => r.name === name)!;
  return row.flag ?? row.env;
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

/**
 * Reads the options from the environment into `settings`. `authToken` is left
 * to the caller, which reads MCPC_AUTH_TOKEN already. Throws an Error naming
 * the variable when a value does not parse.
 */
export function readAuthEnv(settings: AuthSettings, env: NodeJS.ProcessEnv): void {
  for (const row of AUTH_OPTIONS) {
    const text = env[row.env];
    if (row.name !== "authToken" && text !== undefined && text !== "") setOption(settings, row, text, row.env);
  }
}

/** Reads one command-line option; false when `arg` is not one of these (or is --auth-token, which the caller reads). */
export function readAuthArg(settings: AuthSettings, arg: string, value: () => string): boolean {
  const row = AUTH_OPTIONS.find((r) => r.flag === arg && r.name !== "authToken");
  if (row === undefined) return false;
  setOption(settings, row, value(), arg);
  return true;
}

function setOption(settings: AuthSettings, row: AuthOptionRow, text: string, source: string): void {
  const target = settings as Record<string, unknown>;
  switch (row.type) {
    case "list":
      target[row.name] = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
      return;
    case "seconds": {
      const value = Number(text);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${source} must be a whole number of seconds, got '${text}'`);
      target[row.name] = value;
      return;
    }
    default:
      target[row.name] = text;
  }
}
