// The entry point of emitted servers: `startServer(definition)` reads the
// command line and environment, then serves over the chosen transport.
import type { ServerDefinition } from "./definition.js";
import { DEFAULT_SESSION_OPTIONS, ServerCore, type SessionOptions } from "./protocol/session.js";
import { DEFAULT_STDIO_OPTIONS, serveStdio } from "./transports/stdio.js";
// The HTTP transport (with node:http, node:net and node:crypto) loads only
// when --http asks for it: a stdio server starts without it.
import type { HttpOptions } from "./transports/http.js";
import { RateLimiter, parseRate, parseToolRates, type RateSpec } from "./rate-limit.js";
import { AUTH_OPTIONS, authenticatorConfig, readAuthArg, readAuthEnv, type AuthSettings } from "./auth/options.js";

export type { ServerDefaults, ServerDefinition, ToolDefinition, ValidateFunction } from "./definition.js";

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
  /** OAuth settings (HTTP only; the static token stays in httpOptions.authToken). */
  auth?: AuthSettings;
}

const USAGE = `Usage: node server.js [options]

Serves this MCP server over stdio (the default) or Streamable HTTP (--http).

Options:
  --expose-errors              send messages of unexpected exceptions to the client
  --timeout <ms>               default tool timeout in milliseconds (0: none)
  --rate-limit <n/unit>        per-client limit, e.g. 100/hour, 10/second (HTTP: every request; stdio: tool calls)
  --tool-rate-limit <t=n/unit> per-client limit on one tool, e.g. search=10/minute (repeatable, or comma-separated)
  --help                       show this help

HTTP options:
  --http                       serve Streamable HTTP at http://HOST:PORT/mcp (health check: GET /health)
  --stdio                      serve stdio even when the project config chooses HTTP
  --port <n>                   port to listen on (default 3000; 0: any free port)
  --host <address>             address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)
  --stateless                  no sessions: any instance can answer any request (for load balancers)
  --auth-token <token>         require "Authorization: Bearer <token>" (prefer MCPC_AUTH_TOKEN: argv is visible to ps)
  --allowed-hosts <a,b>        host names accepted in the Host header (default: loopback names and --host)
  --allowed-origins <a,b>      browser origins accepted (default: those whose host is allowed; * for any)
  --max-body-bytes <n>         largest request body (default 4194304)
  --request-timeout <ms>       time to receive a whole request (default 30000)
  --session-idle-timeout <ms>  close sessions idle this long (default 1800000)
  --max-sessions <n>           most open sessions; the least recently used idle one makes room (default 1000)
  --keep-alive <ms>            SSE keep-alive comment interval (default 15000; 0: none)
  --shutdown-grace <ms>        on SIGINT/SIGTERM, how long calls in flight may finish (default 10000)

Authorization (OAuth 2.1 resource server):
${AUTH_OPTIONS.filter((row) => row.flag !== undefined && row.name !== "authToken")
  .map((row) => `  ${`${row.flag} <${row.type === "list" ? "a,b" : row.type}>`.padEnd(29)}${row.help}`)
  .join("\n")}

Environment: MCPC_EXPOSE_ERRORS=1, MCPC_TIMEOUT_MS, MCPC_MAX_RESULT_BYTES, MCPC_MAX_MESSAGE_BYTES,
  MCPC_RATE_LIMIT, MCPC_TOOL_RATE_LIMITS, MCPC_HTTP=1, MCPC_PORT, MCPC_HOST, MCPC_STATELESS=1, MCPC_AUTH_TOKEN,
  MCPC_ALLOWED_HOSTS, MCPC_ALLOWED_ORIGINS, MCPC_MAX_BODY_BYTES, MCPC_REQUEST_TIMEOUT_MS,
  MCPC_SESSION_IDLE_TIMEOUT_MS, MCPC_MAX_SESSIONS, MCPC_KEEP_ALIVE_MS, MCPC_SHUTDOWN_GRACE_MS,
  ${AUTH_OPTIONS.filter((row) => row.name !== "authToken").map((row) => row.env).join(", ")}.
Command-line options override the environment.`;

class UsageError extends Error {}

/** Set by `mcpc/testing` while it imports an emitted server.js for its definition. */
export const IMPORT_ONLY = Symbol.for("mcpc.testing.importOnly");

/** Options from the environment, then the command line; later wins. */
export function readServerOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {};
  if (env.MCPC_EXPOSE_ERRORS !== undefined) options.exposeErrors = /^(1|true|yes)$/i.test(env.MCPC_EXPOSE_ERRORS);
  if (env.MCPC_TIMEOUT_MS !== undefined) options.defaultTimeoutMs = parseCount("MCPC_TIMEOUT_MS", env.MCPC_TIMEOUT_MS);
  if (env.MCPC_MAX_RESULT_BYTES !== undefined) options.maxResultBytes = parseCount("MCPC_MAX_RESULT_BYTES", env.MCPC_MAX_RESULT_BYTES);
  if (env.MCPC_MAX_MESSAGE_BYTES !== undefined) options.maxMessageBytes = parseCount("MCPC_MAX_MESSAGE_BYTES", env.MCPC_MAX_MESSAGE_BYTES);
  readHttpEnv(options, env);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case "--expose-errors":
        options.exposeErrors = true;
        break;
      case "--timeout":
        options.defaultTimeoutMs = parseCount(arg, value());
        break;
      default:
        if (!readHttpArg(options, arg, value)) throw new UsageError(`Unknown option: ${arg}`);
    }
  }
  return options;
}

const isYes = (text: string): boolean => /^(1|true|yes)$/i.test(text);
const list = (text: string): string[] => text.split(",").map((s) => s.trim()).filter((s) => s !== "");

function rate(name: string, text: string): RateSpec {
  try {
    return parseRate(text);
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
}

function toolRates(options: ServerOptions, name: string, text: string): void {
  try {
    options.toolRateLimits = new Map([...(options.toolRateLimits ?? []), ...parseToolRates(text)]);
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
}

function readHttpEnv(options: ServerOptions, env: NodeJS.ProcessEnv): void {
  if (env.MCPC_RATE_LIMIT) options.rateLimit = rate("MCPC_RATE_LIMIT", env.MCPC_RATE_LIMIT);
  if (env.MCPC_TOOL_RATE_LIMITS) toolRates(options, "MCPC_TOOL_RATE_LIMITS", env.MCPC_TOOL_RATE_LIMITS);
  if (env.MCPC_HTTP !== undefined) options.http = isYes(env.MCPC_HTTP);
  // HTTP settings in the environment configure HTTP but do not switch it on.
  const settings: Partial<HttpOptions> = {};
  if (env.MCPC_PORT) settings.port = parsePort("MCPC_PORT", env.MCPC_PORT);
  if (env.MCPC_HOST) settings.host = env.MCPC_HOST;
  if (env.MCPC_STATELESS !== undefined) settings.stateless = isYes(env.MCPC_STATELESS);
  if (env.MCPC_AUTH_TOKEN) settings.authToken = env.MCPC_AUTH_TOKEN;
  if (env.MCPC_ALLOWED_HOSTS) settings.allowedHosts = list(env.MCPC_ALLOWED_HOSTS);
  if (env.MCPC_ALLOWED_ORIGINS) settings.allowedOrigins = list(env.MCPC_ALLOWED_ORIGINS);
  if (env.MCPC_MAX_BODY_BYTES) settings.maxBodyBytes = parseCount("MCPC_MAX_BODY_BYTES", env.MCPC_MAX_BODY_BYTES);
  if (env.MCPC_REQUEST_TIMEOUT_MS) settings.requestTimeoutMs = parseCount("MCPC_REQUEST_TIMEOUT_MS", env.MCPC_REQUEST_TIMEOUT_MS);
  if (env.MCPC_SESSION_IDLE_TIMEOUT_MS) settings.sessionIdleTimeoutMs = parseCount("MCPC_SESSION_IDLE_TIMEOUT_MS", env.MCPC_SESSION_IDLE_TIMEOUT_MS);
  if (env.MCPC_MAX_SESSIONS) settings.maxSessions = parseCount("MCPC_MAX_SESSIONS", env.MCPC_MAX_SESSIONS);
  if (env.MCPC_KEEP_ALIVE_MS) settings.keepAliveMs = parseCount("MCPC_KEEP_ALIVE_MS", env.MCPC_KEEP_ALIVE_MS);
  if (env.MCPC_SHUTDOWN_GRACE_MS) settings.shutdownGraceMs = parseCount("MCPC_SHUTDOWN_GRACE_MS", env.MCPC_SHUTDOWN_GRACE_MS);
  if (Object.keys(settings).length > 0) options.httpOptions = settings;
  const auth: AuthSettings = {};
  usage(() => readAuthEnv(auth, env));
  if (Object.keys(auth).length > 0) options.auth = auth;
}

/** Runs `read`, turning its Error (which names the option) into a usage error. */
function usage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Handles one HTTP or rate-limit option; false when `arg` is not one. */
function readHttpArg(options: ServerOptions, arg: string, value: () => string): boolean {
  const settings = (options.httpOptions ??= {});
  switch (arg) {
    case "--http":
      options.http = true;
      return true;
    case "--stdio":
      options.http = false;
      return true;
    case "--port":
      settings.port = parsePort(arg, value());
      return true;
    case "--host":
      settings.host = value();
      return true;
    case "--stateless":
      settings.stateless = true;
      return true;
    case "--auth-token":
      settings.authToken = value();
      return true;
    case "--allowed-hosts":
      settings.allowedHosts = list(value());
      return true;
    case "--allowed-origins":
      settings.allowedOrigins = list(value());
      return true;
    case "--max-body-bytes":
      settings.maxBodyBytes = parseCount(arg, value());
      return true;
    case "--request-timeout":
      settings.requestTimeoutMs = parseCount(arg, value());
      return true;
    case "--session-idle-timeout":
      settings.sessionIdleTimeoutMs = parseCount(arg, value());
      return true;
    case "--max-sessions":
      settings.maxSessions = parseCount(arg, value());
      return true;
    case "--keep-alive":
      settings.keepAliveMs = parseCount(arg, value());
      return true;
    case "--shutdown-grace":
      settings.shutdownGraceMs = parseCount(arg, value());
      return true;
    case "--rate-limit":
      options.rateLimit = rate(arg, value());
      return true;
    case "--tool-rate-limit":
      toolRates(options, arg, value());
      return true;
    default:
      return usage(() => readAuthArg((options.auth ??= {}), arg, value));
  }
}

function parsePort(name: string, text: string): number {
  const port = parseCount(name, text);
  if (port > 65535) throw new UsageError(`${name} must be a port number (0-65535), got '${text}'`);
  return port;
}

function parseCount(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${name} must be a whole number, got '${text}'`);
  return value;
}

/**
 * The project's mcpc config (compiled into server.js as `defaults`) under what
 * the command line and environment say: a configured `transport: { type: "http" }`
 * serves HTTP unless `--stdio` is given.
 */
function withConfiguredDefaults(definition: ServerDefinition, given: ServerOptions): ServerOptions {
  const { transport, ...configured } = definition.defaults ?? {};
  const fromConfig: ServerOptions = { ...configured };
  if (transport?.type !== undefined) fromConfig.http = transport.type === "http";
  const configuredHttp = stripUndefined({ port: transport?.port, host: transport?.host });
  return {
    ...fromConfig,
    ...given,
    httpOptions: { ...configuredHttp, ...(given.httpOptions ?? {}) },
  };
}

/** Starts serving the definition; what emitted server.js calls. */
export async function startServer(definition: ServerDefinition, overrides: ServerOptions = {}): Promise<void> {
  // `mcpc/testing` imports server.js only to read its exported definition.
  if ((globalThis as Record<symbol, unknown>)[IMPORT_ONLY] === true) return;
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  let options: ServerOptions;
  try {
    options = withConfiguredDefaults(definition, readServerOptions(argv, process.env));
    options = { ...options, ...overrides };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  keepServingOnStrayErrors();
  const { maxMessageBytes, http, httpOptions, rateLimit, toolRateLimits, auth, ...sessionOverrides } = options;
  const sessionOptions: SessionOptions = { ...DEFAULT_SESSION_OPTIONS, ...stripUndefined(sessionOverrides) };
  const core = new ServerCore(definition, sessionOptions);
  const rates = { perClient: rateLimit, perTool: toolRateLimits };
  if (http) {
    await startHttp(core, { ...stripUndefined(httpOptions ?? {}), rateLimit: rates }, auth ?? {});
    return;
  }
  limitToolCallsOverStdio(core, RateLimiter.from(rates));
  await serveStdio(core, { ...DEFAULT_STDIO_OPTIONS, ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }) });
  process.exit(0);
}

/**
 * Serves HTTP until SIGINT/SIGTERM, then shuts down gracefully and exits 0.
 * The "listening on" line is a contract: tests and scripts read the URL
 * (with the bound port when --port 0) from it.
 */
async function startHttp(core: ServerCore, settings: Partial<HttpOptions>, auth: AuthSettings): Promise<void> {
  const { DEFAULT_HTTP_OPTIONS, serveHttp } = await import("./transports/http.js");
  const options: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, ...settings };
  try {
    const config = authenticatorConfig({ ...auth, ...(options.authToken !== undefined ? { authToken: options.authToken } : {}) }, options.path);
    if (config !== undefined) {
      const { createAuthenticator } = await import("./auth/authenticator.js");
      options.authenticator = await createAuthenticator(config);
    }
  } catch (error) {
    process.stderr.write(`mcpc: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  let handle;
  try {
    handle = await serveHttp(core, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    process.stderr.write(`mcpc: cannot listen on ${options.host}:${options.port}: ${code ?? (error as Error)?.message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`mcpc: listening on ${handle.url}\n`);
  const stop = (signal: string): void => {
    process.stderr.write(`mcpc: ${signal} received, shutting down (calls in flight get ${options.shutdownGraceMs} ms)\n`);
    void handle.close().then(() => {
      process.stderr.write("mcpc: stopped\n");
      process.exit(0);
    });
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

/** Over stdio there is one client: its tool calls count against the per-client and per-tool limits. */
function limitToolCallsOverStdio(core: ServerCore, limiter: RateLimiter | undefined): void {
  if (limiter === undefined) return;
  core.admitToolCall = (toolName) => (limiter.admitClient("stdio") ?? limiter.admitTool(toolName, "stdio"))?.message;
}

/**
 * A tool's forgotten promise or a throw inside its timer must not end the
 * server and every other client's calls with it: report and go on.
 */
function keepServingOnStrayErrors(): void {
  process.on("unhandledRejection", (reason) => {
    process.stderr.write(`mcpc: unhandled rejection (the server keeps running): ${(reason as Error)?.stack ?? String(reason)}\n`);
  });
  process.on("uncaughtException", (error) => {
    process.stderr.write(`mcpc: uncaught exception (the server keeps running): ${error?.stack ?? String(error)}\n`);
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
