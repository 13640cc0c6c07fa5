// The entry point of emitted servers: `startServer(definition)` reads the
// command line and environment, then serves over the chosen transport.
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerDefinition } from "./definition.js";
import { errorStack } from "./error-stack.js";
import type { ServerCore } from "./protocol/core.js";
import { createServerCore } from "./protocol/handlers.js";
import { DEFAULT_SESSION_OPTIONS, type SessionOptions } from "./protocol/session-options.js";
import { DEFAULT_STDIO_OPTIONS, serveStdio } from "./transports/stdio.js";
// The HTTP transport (with node:http, node:net and node:crypto) loads only
// when --http asks for it: a stdio server starts without it.
import type { HttpOptions } from "./transports/http.js";
import { RateLimiter } from "./rate-limit.js";
import { UsageError, readServerOptions, usage, type ServerOptions } from "./server-options.js";
import { authenticatorConfig } from "./auth/options.js";

export type { ServerDefaults, ServerDefinition, ToolDefinition, ValidateFunction } from "./definition.js";
export { createFetchHandler, type FetchHandlerOptions } from "./transports/fetch.js";
export { readServerOptions, type ServerOptions } from "./server-options.js";

/** Set by `mcpc/testing` while it imports an emitted server.js for its definition. */
export const IMPORT_ONLY = Symbol.for("mcpc.testing.importOnly");

/**
 * The project's mcpc config (compiled into server.js as `defaults`) under what
 * the command line and environment say: a configured `transport: { type: "http" }`
 * serves HTTP unless `--stdio` is given.
 */
function withConfiguredDefaults(definition: ServerDefinition, given: ServerOptions): ServerOptions {
  const { transport, auth, ...configured } = definition.defaults ?? {};
  const fromConfig: ServerOptions = { ...configured };
  if (transport?.type !== undefined) fromConfig.http = transport.type === "http";
  const configuredHttp = stripUndefined({ port: transport?.port, host: transport?.host });
  return {
    ...fromConfig,
    ...given,
    httpOptions: { ...configuredHttp, ...stripUndefined(auth ?? {}), ...(given.httpOptions ?? {}) },
  };
}

/**
 * Starts serving the definition; what emitted server.js calls. Given the
 * calling module's URL, it serves only when that module is the program's
 * entry (`node server.js`): a module that imports server.js for its `fetch`
 * export (Bun, Workers) gets the handler and no stdio server.
 */
export async function startServer(definition: ServerDefinition, overrides: ServerOptions = {}, moduleUrl?: string): Promise<void> {
  // `mcpc/testing` imports server.js only to read its exported definition.
  if ((globalThis as Record<symbol, unknown>)[IMPORT_ONLY] === true) return;
  if (moduleUrl !== undefined && !isProgramEntry(moduleUrl)) return;
  const argv = process.argv.slice(2);
  if (argv.includes("--help")) {
    process.stderr.write(`${usage()}\n`);
    return;
  }
  let options: ServerOptions;
  try {
    options = withConfiguredDefaults(definition, readServerOptions(argv, process.env));
    options = { ...options, ...overrides };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage()}\n`);
    process.exitCode = 2;
    return;
  }
  keepServingOnStrayErrors();
  const { maxMessageBytes, http, httpOptions, rateLimit, toolRateLimits, ...sessionOverrides } = options;
  const sessionOptions: SessionOptions = { ...DEFAULT_SESSION_OPTIONS, ...stripUndefined(sessionOverrides) };
  const core = createServerCore(definition, sessionOptions);
  const rates = { perClient: rateLimit, perTool: toolRateLimits };
  if (http) {
    await startHttp(core, { ...stripUndefined(httpOptions ?? {}), rateLimit: rates });
    return;
  }
  limitToolCallsOverStdio(core, RateLimiter.from(rates));
  const stop = new AbortController();
  process.once("SIGTERM", () => stop.abort());
  process.once("SIGINT", () => stop.abort());
  await serveStdio(core, { ...DEFAULT_STDIO_OPTIONS, ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }) }, stop.signal);
  process.exit(0);
}

/**
 * Serves HTTP until SIGINT/SIGTERM, then shuts down gracefully and exits 0.
 * The "listening on" line is a contract: tests and scripts read the URL
 * (with the bound port when --port 0) from it.
 */
async function startHttp(core: ServerCore, settings: Partial<HttpOptions>): Promise<void> {
  const { DEFAULT_HTTP_OPTIONS, serveHttp } = await import("./transports/http.js");
  const options: HttpOptions = { ...DEFAULT_HTTP_OPTIONS, ...settings };
  try {
    const config = authenticatorConfig(options, options.path, core.scopesSupported);
    if (config !== undefined) {
      // Loads the JOSE library only when an issuer is configured.
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
    const hint = code === "EADDRINUSE" ? " (the port is in use: choose another with --port, or --port 0 for any free port)" : "";
    process.stderr.write(`mcpc: cannot listen on ${options.host}:${options.port}: ${code ?? (error as Error)?.message}${hint}\n`);
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
    process.stderr.write(`mcpc: unhandled rejection (the server keeps running): ${errorStack(reason)}\n`);
  });
  process.on("uncaughtException", (error) => {
    process.stderr.write(`mcpc: uncaught exception (the server keeps running): ${errorStack(error)}\n`);
  });
}

/** True when the module at `moduleUrl` is the script node (or bun) was started with. */
function isProgramEntry(moduleUrl: string): boolean {
  const entry = globalThis.process?.argv?.[1];
  if (entry === undefined || !moduleUrl.startsWith("file:")) return false;
  try {
    return realpathSync(resolve(entry)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
