// Every option an emitted server takes, in one table: argv parsing, the
// environment, `--help` and the options tables of the docs
// (scripts/options-doc.js) are all made from it, so an option is spelled once.
import type { SessionOptions } from "./protocol/session-options.js";
import { parseRate, parseToolRates, type RateSpec } from "./rate-limit.js";
import { parseTrustProxy } from "./transports/client-address.js";
// Types only: the HTTP transport loads when --http asks for it.
import type { HttpOptions } from "./transports/http.js";

export interface ServerOptions extends Partial<SessionOptions> {
  /** Largest incoming message in bytes. */
  maxMessageBytes?: number;
  /** Serve Streamable HTTP instead of stdio. */
  http?: boolean;
  /** HTTP settings (they apply when `http` is on). */
  httpOptions?: Partial<HttpOptions>;
  /** Per-client limit: every HTTP request of one client, or every tool call over stdio. */
  rateLimit?: RateSpec;
  /** Per-client limits on single tools. */
  toolRateLimits?: Map<string, RateSpec>;
}

/**
 * How an option's text is read: `switch` takes no value on the command line
 * (it sets `switchValue`) and reads 1/true/yes from the environment; `count`
 * is a whole number ≥ 0; `list` is comma-separated; `rate` is `n/unit`;
 * `tool-rates` is `tool=n/unit`, repeatable and comma-separated; `trust-proxy`
 * is a hop count or a comma-separated list of addresses and CIDR networks.
 */
export type OptionType = "switch" | "count" | "port" | "text" | "list" | "rate" | "tool-rates" | "trust-proxy";

interface OptionBase {
  /** Command-line flag; absent for options read only from the environment. */
  flag?: string;
  env?: string;
  type: OptionType;
  /** The value's name in `--help`, e.g. `<ms>`. */
  placeholder?: string;
  /** For a count: the least value accepted (default 0). */
  min?: number;
  /** For a switch: what the flag sets (`--stdio` sets http to false). */
  switchValue?: boolean;
  /** The runtime's default (a test checks it against the runtime's defaults). */
  default?: number | string | boolean;
  /** Shown instead of `default` where it is not one value. */
  defaultText?: string;
  /** Said after the default, e.g. `0: none`. */
  defaultNote?: string;
  /** `--help` and the docs: `general` or `http` options. */
  group: "general" | "http";
  help: string;
}

/** Where a parsed value lands: a server option, or an HTTP setting (which configures HTTP without switching it on). */
export type OptionSpec = OptionBase &
  (
    | { scope: "server"; key: "exposeErrors" | "defaultTimeoutMs" | "maxResultBytes" | "maxMessageBytes" | "maxMessageValues" | "pageSize" | "http" | "rateLimit" | "toolRateLimits" }
    | { scope: "http"; key: Exclude<keyof HttpOptions, "path" | "log" | "rateLimit" | "authenticator"> }
  );

export const SERVER_OPTIONS: readonly OptionSpec[] = [
  { scope: "server", key: "exposeErrors", flag: "--expose-errors", env: "MCPC_EXPOSE_ERRORS", type: "switch", default: false, group: "general", help: "send messages of unexpected exceptions to the client" },
  { scope: "server", key: "defaultTimeoutMs", flag: "--timeout", env: "MCPC_TIMEOUT_MS", type: "count", placeholder: "<ms>", default: 60_000, defaultNote: "0: none", group: "general", help: "default timeout of a tool call, resource read or prompt, in milliseconds" },
  { scope: "server", key: "maxResultBytes", env: "MCPC_MAX_RESULT_BYTES", type: "count", default: 8 * 1024 * 1024, group: "general", help: "largest tool result sent, in bytes; a larger one becomes an isError result (the SDK client drops messages over 10 MB)" },
  { scope: "server", key: "maxMessageBytes", env: "MCPC_MAX_MESSAGE_BYTES", type: "count", default: 16 * 1024 * 1024, group: "general", help: "largest incoming stdio message, in bytes" },
  { scope: "server", key: "maxMessageValues", env: "MCPC_MAX_MESSAGE_VALUES", type: "count", min: 1, default: 100_000, group: "general", help: "most JSON values (objects, arrays, members, items) in one incoming message or HTTP body; parsing costs follow this more than bytes" },
  { scope: "server", key: "pageSize", env: "MCPC_PAGE_SIZE", type: "count", min: 1, default: 100, group: "general", help: "items per page of the list methods (tools, resources, templates, prompts)" },
  { scope: "server", key: "rateLimit", flag: "--rate-limit", env: "MCPC_RATE_LIMIT", type: "rate", placeholder: "<n/unit>", defaultText: "off", group: "general", help: "per-client limit, e.g. 100/hour, 10/second (HTTP: every request; stdio: tool calls)" },
  { scope: "server", key: "toolRateLimits", flag: "--tool-rate-limit", env: "MCPC_TOOL_RATE_LIMITS", type: "tool-rates", placeholder: "<tool=n/unit>", defaultText: "off", group: "general", help: "per-client limit on one tool, e.g. search=10/minute (repeatable, or comma-separated)" },
  { scope: "server", key: "http", flag: "--http", env: "MCPC_HTTP", type: "switch", defaultText: "stdio", group: "http", help: "serve Streamable HTTP at http://HOST:PORT/mcp (health check: GET /health)" },
  { scope: "server", key: "http", flag: "--stdio", type: "switch", switchValue: false, group: "http", help: "serve stdio even when the project config chooses HTTP" },
  { scope: "http", key: "port", flag: "--port", env: "MCPC_PORT", type: "port", placeholder: "<n>", default: 3000, defaultNote: "0: any free port", group: "http", help: "port to listen on" },
  { scope: "http", key: "host", flag: "--host", env: "MCPC_HOST", type: "text", placeholder: "<address>", default: "127.0.0.1", group: "http", help: "address to bind (0.0.0.0 for all interfaces)" },
  { scope: "http", key: "stateless", flag: "--stateless", env: "MCPC_STATELESS", type: "switch", default: false, group: "http", help: "no sessions: any instance can answer any request (for load balancers)" },
  { scope: "http", key: "authToken", flag: "--auth-token", env: "MCPC_AUTH_TOKEN", type: "text", placeholder: "<token>", defaultText: "none", group: "http", help: 'require "Authorization: Bearer <token>" (prefer MCPC_AUTH_TOKEN: argv is visible to ps)' },
  { scope: "http", key: "publicUrl", flag: "--public-url", env: "MCPC_PUBLIC_URL", type: "text", placeholder: "<url>", defaultText: "none", defaultNote: "required with OAuth", group: "http", help: "the server's public base URL; the MCP endpoint under it is the resource OAuth tokens must be issued for (RFC 8707)" },
  { scope: "http", key: "authIssuer", flag: "--auth-issuer", env: "MCPC_AUTH_ISSUER", type: "text", placeholder: "<url>", defaultText: "none", group: "http", help: "accept JWT access tokens from this OAuth issuer (keys found from its metadata)" },
  { scope: "http", key: "authJwks", flag: "--auth-jwks", env: "MCPC_AUTH_JWKS", type: "text", placeholder: "<url>", defaultText: "from the issuer's metadata", group: "http", help: "the issuer's JWKS URL, instead of the one in its metadata" },
  { scope: "http", key: "authAudience", flag: "--auth-audience", env: "MCPC_AUTH_AUDIENCE", type: "list", placeholder: "<a,b>", defaultText: "the public URL + /mcp", group: "http", help: "token audiences accepted instead of the resource" },
  { scope: "http", key: "authAlgorithms", flag: "--auth-algorithms", env: "MCPC_AUTH_ALGORITHMS", type: "list", placeholder: "<a,b>", defaultText: "RS*, PS*, ES*, EdDSA", group: "http", help: "JWT signing algorithms accepted (asymmetric only; never none or HS*)" },
  { scope: "http", key: "authClockSkew", flag: "--auth-clock-skew", env: "MCPC_AUTH_CLOCK_SKEW", type: "count", placeholder: "<s>", defaultText: "30", group: "http", help: "leeway for a token's exp and nbf, in seconds" },
  { scope: "http", key: "authIntrospect", flag: "--auth-introspect", env: "MCPC_AUTH_INTROSPECT", type: "text", placeholder: "<url>", defaultText: "none", group: "http", help: "accept opaque tokens by RFC 7662 introspection at this URL" },
  { scope: "http", key: "authClientId", env: "MCPC_AUTH_CLIENT_ID", type: "text", defaultText: "none", group: "http", help: "this server's client id at the introspection endpoint (no flag: argv is visible to ps)" },
  { scope: "http", key: "authClientSecret", env: "MCPC_AUTH_CLIENT_SECRET", type: "text", defaultText: "none", group: "http", help: "this server's client secret at the introspection endpoint" },
  { scope: "http", key: "allowedHosts", flag: "--allowed-hosts", env: "MCPC_ALLOWED_HOSTS", type: "list", placeholder: "<a,b>", defaultText: "loopback names and --host", group: "http", help: "host names accepted in the Host header" },
  { scope: "http", key: "allowedOrigins", flag: "--allowed-origins", env: "MCPC_ALLOWED_ORIGINS", type: "list", placeholder: "<a,b>", defaultText: "origins of allowed hosts", defaultNote: "* for any", group: "http", help: "browser origins accepted" },
  { scope: "http", key: "maxBodyBytes", flag: "--max-body-bytes", env: "MCPC_MAX_BODY_BYTES", type: "count", placeholder: "<n>", default: 4 * 1024 * 1024, group: "http", help: "largest request body, in bytes" },
  { scope: "http", key: "requestTimeoutMs", flag: "--request-timeout", env: "MCPC_REQUEST_TIMEOUT_MS", type: "count", placeholder: "<ms>", default: 30_000, group: "http", help: "time to receive a whole request" },
  { scope: "http", key: "sessionIdleTimeoutMs", flag: "--session-idle-timeout", env: "MCPC_SESSION_IDLE_TIMEOUT_MS", type: "count", placeholder: "<ms>", default: 1_800_000, group: "http", help: "close sessions idle this long" },
  { scope: "http", key: "maxSessions", flag: "--max-sessions", env: "MCPC_MAX_SESSIONS", type: "count", placeholder: "<n>", default: 1000, group: "http", help: "most open sessions; the least recently used idle one makes room" },
  { scope: "http", key: "keepAliveMs", flag: "--keep-alive", env: "MCPC_KEEP_ALIVE_MS", type: "count", placeholder: "<ms>", default: 15_000, defaultNote: "0: none", group: "http", help: "SSE keep-alive comment interval" },
  { scope: "http", key: "replayEvents", flag: "--replay-events", env: "MCPC_REPLAY_EVENTS", type: "count", placeholder: "<n>", default: 1000, defaultNote: "0: no resumption", group: "http", help: "SSE events kept per session for clients that resume a broken stream with Last-Event-ID" },
  { scope: "http", key: "replayBytes", flag: "--replay-bytes", env: "MCPC_REPLAY_BYTES", type: "count", placeholder: "<n>", default: 8 * 1024 * 1024, group: "http", help: "bytes of SSE events kept per session for resumption" },
  { scope: "http", key: "eventStore", flag: "--event-store", env: "MCPC_EVENT_STORE", type: "text", placeholder: "<redis://host:port>", defaultText: "none", group: "http", help: "shared event store, so any instance can resume a stream another one writes" },
  { scope: "http", key: "trustProxy", flag: "--trust-proxy", env: "MCPC_TRUST_PROXY", type: "trust-proxy", placeholder: "<hops,cidrs>", defaultText: "off", group: "http", help: "believe X-Forwarded-For from this many proxy hops, or from these addresses/networks (e.g. 1, or 10.0.0.0/8,::1), to tell clients apart for --rate-limit" },
  { scope: "http", key: "maxConnections", flag: "--max-connections", env: "MCPC_MAX_CONNECTIONS", type: "count", placeholder: "<n>", default: 1000, group: "http", help: "most open connections; more are closed as they arrive" },
  { scope: "http", key: "maxOutputBytes", env: "MCPC_MAX_OUTPUT_BYTES", type: "count", default: 4 * 1024 * 1024, group: "http", help: "unsent bytes a connection may hold once its client stops reading (it is closed after 1 s over this)" },
  { scope: "http", key: "writeTimeoutMs", flag: "--write-timeout", env: "MCPC_WRITE_TIMEOUT_MS", type: "count", placeholder: "<ms>", default: 30_000, defaultNote: "0: none", group: "http", help: "close a connection whose unsent output drains nothing for this long" },
  { scope: "http", key: "shutdownGraceMs", flag: "--shutdown-grace", env: "MCPC_SHUTDOWN_GRACE_MS", type: "count", placeholder: "<ms>", default: 10_000, group: "http", help: "on SIGINT/SIGTERM, how long calls in flight may finish" },
];

/** A bad option value or an unknown option: answered with the message and the usage text. */
export class UsageError extends Error {}

/** An option's default as shown: `3000; 0: any free port` in `--help`, `3000 (0: any free port)` in the docs. */
export function defaultShown(option: OptionSpec, style: "help" | "docs"): string | undefined {
  const value = option.defaultText ?? (option.default === undefined || option.default === false ? undefined : String(option.default));
  if (value === undefined || option.defaultNote === undefined) return value;
  return style === "help" ? `${value}; ${option.defaultNote}` : `${value} (${option.defaultNote})`;
}

const byFlag = new Map(SERVER_OPTIONS.filter((o) => o.flag !== undefined).map((o) => [o.flag!, o]));

/** Options from the environment, then the command line; later wins. */
export function readServerOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {};
  for (const option of SERVER_OPTIONS) {
    if (option.env === undefined) continue;
    const text = env[option.env];
    // An empty variable counts as unset, except that a switch set to "" is off.
    if (text === undefined || (text === "" && option.type !== "switch")) continue;
    assign(options, option, read(option, option.env, text));
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const option = byFlag.get(arg);
    if (option === undefined) throw new UsageError(`Unknown option: ${arg}`);
    if (option.type === "switch") {
      assign(options, option, option.switchValue ?? true);
      continue;
    }
    const text = argv[++i];
    if (text === undefined) throw new UsageError(`${arg} needs a value`);
    assign(options, option, read(option, arg, text));
  }
  return options;
}

function read(option: OptionSpec, name: string, text: string): unknown {
  switch (option.type) {
    case "switch":
      return /^(1|true|yes)$/i.test(text);
    case "count": {
      const count = parseCount(name, text);
      if (count < (option.min ?? 0)) throw new UsageError(`${name} must be at least ${option.min}, got '${text}'`);
      return count;
    }
    case "port": {
      const port = parseCount(name, text);
      if (port > 65535) throw new UsageError(`${name} must be a port number (0-65535), got '${text}'`);
      return port;
    }
    case "text":
      return text;
    case "list":
      return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
    case "rate":
      return withName(name, () => parseRate(text));
    case "tool-rates":
      return withName(name, () => parseToolRates(text));
    case "trust-proxy":
      return withName(name, () => parseTrustProxy(text));
  }
}

function assign(options: ServerOptions, option: OptionSpec, value: unknown): void {
  if (option.scope === "http") {
    (options.httpOptions ??= {})[option.key] = value as never;
  } else if (option.key === "toolRateLimits") {
    // Repeated flags (and the environment before them) add up.
    options.toolRateLimits = new Map([...(options.toolRateLimits ?? []), ...(value as Map<string, RateSpec>)]);
  } else {
    options[option.key] = value as never;
  }
}

function withName<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
}

function parseCount(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${name} must be a whole number, got '${text}'`);
  return value;
}

/** The `--help` text. */
export function usage(): string {
  const flagLine = (flag: string, help: string): string => `  ${flag.padEnd(31)} ${help}`;
  const withDefault = (o: OptionSpec): string => {
    const shown = defaultShown(o, "help");
    return shown === undefined ? o.help : `${o.help} (default ${shown})`;
  };
  const section = (group: OptionSpec["group"]): string[] =>
    SERVER_OPTIONS.filter((o) => o.group === group && o.flag !== undefined).map((o) => flagLine(o.placeholder === undefined ? o.flag! : `${o.flag} ${o.placeholder}`, withDefault(o)));
  const environment = SERVER_OPTIONS.filter((o) => o.env !== undefined).map((o) =>
    flagLine(o.type === "switch" ? `${o.env}=1` : o.env!, o.flag === undefined ? withDefault(o) : `as ${o.flag}`),
  );
  return [
    "Usage: node server.js [options]",
    "",
    "Serves this MCP server over stdio (the default) or Streamable HTTP (--http).",
    "",
    "Options:",
    ...section("general"),
    flagLine("--help", "show this help"),
    "",
    "HTTP options:",
    ...section("http"),
    "",
    "Environment (command-line options override it):",
    ...environment,
  ].join("\n");
}
