// The entry point of emitted servers: `startServer(definition)` reads the
// command line and environment, then serves over the chosen transport.
import type { ServerDefinition } from "./definition.js";
import { DEFAULT_SESSION_OPTIONS, ServerCore, type SessionOptions } from "./protocol/session.js";
import { DEFAULT_STDIO_OPTIONS, serveStdio } from "./transports/stdio.js";

export type { ServerDefaults, ServerDefinition, ToolDefinition, ValidateFunction } from "./definition.js";

export interface ServerOptions extends Partial<SessionOptions> {
  /** Largest incoming message in bytes. */
  maxMessageBytes?: number;
}

const USAGE = `Usage: node server.js [options]

Serves this MCP server over stdio (the default).

Options:
  --expose-errors        send messages of unexpected exceptions to the client
  --timeout <ms>         default tool timeout in milliseconds (0: none)
  --help                 show this help

Environment: MCPC_EXPOSE_ERRORS=1, MCPC_TIMEOUT_MS, MCPC_MAX_RESULT_BYTES, MCPC_MAX_MESSAGE_BYTES.`;

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
        throw new UsageError(`Unknown option: ${arg}`);
    }
  }
  return options;
}

function parseCount(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${name} must be a whole number, got '${text}'`);
  return value;
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
    const { transport: _transport, ...configured } = definition.defaults ?? {};
    options = { ...configured, ...readServerOptions(argv, process.env), ...overrides };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  keepServingOnStrayErrors();
  const { maxMessageBytes, ...sessionOverrides } = options;
  const sessionOptions: SessionOptions = { ...DEFAULT_SESSION_OPTIONS, ...stripUndefined(sessionOverrides) };
  const core = new ServerCore(definition, sessionOptions);
  await serveStdio(core, { ...DEFAULT_STDIO_OPTIONS, ...(maxMessageBytes === undefined ? {} : { maxMessageBytes }) });
  process.exit(0);
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
