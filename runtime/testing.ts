// `mcpc/testing`: an in-memory test helper for users' own tests. The server's
// core (the same ServerCore the stdio transport serves) and the SDK's real
// Client are linked in one process: no child process, no pipes, calls go
// through the full protocol path (JSON-RPC, validation, result mapping).
// The SDK is imported here, unlike in the server's runtime: this module only
// ever runs in tests.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { ClientCapabilities, JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { ServerDefinition } from "./definition.js";
import type { ServerCore } from "./protocol/core.js";
import { createServerCore } from "./protocol/handlers.js";
import { Session } from "./protocol/session.js";
import { DEFAULT_SESSION_OPTIONS, type SessionOptions } from "./protocol/session-options.js";
import { IMPORT_ONLY } from "./server.js";

export interface InMemoryOptions {
  /** Session options of the server (e.g. exposeErrors, defaultTimeoutMs). */
  server?: Partial<SessionOptions>;
  capabilities?: ClientCapabilities;
  clientInfo?: { name: string; version: string };
}

export interface InMemoryConnection {
  client: Client;
  close(): Promise<void>;
}

/**
 * Connects the SDK's Client to a server in this process. `server` is the
 * output directory of `mcpc build` (or its server.js), resolved from the
 * current directory, or a ServerDefinition.
 */
export async function connectInMemory(server: string | ServerDefinition, options: InMemoryOptions = {}): Promise<InMemoryConnection> {
  const definition = typeof server === "string" ? await loadDefinition(server) : server;
  const core = createServerCore(definition, { ...DEFAULT_SESSION_OPTIONS, ...definition.defaults, ...options.server } as SessionOptions);
  const transport = new SessionTransport(core);
  const client = new Client(options.clientInfo ?? { name: "mcpc-testing", version: "1.0.0" }, { capabilities: options.capabilities ?? {} });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

async function loadDefinition(path: string): Promise<ServerDefinition> {
  const absolute = resolve(path);
  const file = existsSync(absolute) && statSync(absolute).isDirectory() ? join(absolute, "server.js") : absolute;
  if (!existsSync(file)) throw new Error(`mcpc/testing: no server at '${file}'; run 'mcpc build' first (e.g. in a "pretest" script).`);
  const flags = globalThis as Record<symbol, unknown>;
  flags[IMPORT_ONLY] = true;
  try {
    const module = (await import(pathToFileURL(file).href)) as { definition?: ServerDefinition };
    if (module.definition === undefined) throw new Error(`mcpc/testing: '${file}' exports no definition; rebuild it with this version of mcpc.`);
    return module.definition;
  } finally {
    delete flags[IMPORT_ONLY];
  }
}

/**
 * The client's side of the link. Messages cross as JSON text, as on a real
 * wire, and each is delivered in its own macrotask so neither side sees a
 * message re-entrantly (and the SDK Client handles notifications before the
 * response that follows them, as it does over stdio).
 */
class SessionTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private session: Session | undefined;

  constructor(private readonly core: ServerCore) {}

  async start(): Promise<void> {
    this.session = new Session(this.core, (line) => {
      setImmediate(() => {
        if (this.session !== undefined) this.onmessage?.(JSON.parse(line) as JSONRPCMessage);
      });
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const text = JSON.stringify(message);
    setImmediate(() => this.session?.handleText(text));
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    session?.close();
    this.onclose?.();
  }
}
