import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { ClientCapabilities } from "@modelcontextprotocol/sdk/types.js";

export interface RunningHttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:PORT/mcp. */
  url: string;
  port: number;
  process: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  /** Heap in use after a full GC (needs the memory probe preload, see memoryProbeArgs). */
  heapUsed(): Promise<number>;
  /** GET /health, parsed. */
  health(): Promise<{ status: string; sessions: number; inFlight: number }>;
  stop(): Promise<number | null>;
}

/**
 * Starts an emitted server with `--http --port 0` and reads the bound URL from
 * the line it prints on stderr: "mcpc: listening on http://HOST:PORT/mcp".
 */
export async function startHttpServer(
  serverPath: string,
  args: string[] = [],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<RunningHttpServer> {
  const child = spawn(process.execPath, [...nodeArgs, serverPath, "--http", "--port", "0", ...args], {
    env: { ...(process.env as Record<string, string>), ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /mcpc: listening on (\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${stderr}`)));
  });
  const base = url.slice(0, url.lastIndexOf("/"));
  return {
    url,
    port: Number(new URL(url).port),
    process: child,
    stderr: () => stderr,
    exited,
    heapUsed: async () => {
      const before = stderr.length;
      child.kill("SIGUSR2");
      for (let i = 0; i < 200; i++) {
        const match = /memory-probe: heapUsed=(\d+)/.exec(stderr.slice(before));
        if (match) return Number(match[1]);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error("the memory probe did not answer");
    },
    health: async () => (await fetch(`${base}/health`)).json() as Promise<{ status: string; sessions: number; inFlight: number }>,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Node arguments that load the test-only memory probe (SIGUSR2 → gc → heap size on stderr). */
export const memoryProbeArgs = ["--expose-gc", "--import", new URL("./memory-probe.mjs", import.meta.url).pathname];

export interface HttpClient {
  client: Client;
  transport: StreamableHTTPClientTransport;
  close(): Promise<void>;
}

/** Connects the SDK's real Client over its StreamableHTTPClientTransport. */
export async function connectHttp(
  url: string,
  options: { headers?: Record<string, string>; fetch?: typeof fetch; capabilities?: ClientCapabilities } = {},
): Promise<HttpClient> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: options.headers ? { headers: options.headers } : undefined,
    fetch: options.fetch,
  });
  const client = new Client({ name: "mcpc-http-test", version: "1.0.0" }, { capabilities: options.capabilities ?? {} });
  // Reaped sessions make the client's GET stream fail to reconnect: expected in some tests.
  client.onerror = () => {};
  await client.connect(transport);
  return { client, transport, close: () => client.close() };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A raw HTTP request with full control of headers (fetch forbids setting Host).
 * `freshConnection`: not on a kept-alive socket, which the server's keep-alive
 * timeout can close just as a request goes out (ECONNRESET on a loaded machine).
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; freshConnection?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const agent = options.freshConnection === true ? { agent: false as const } : {};
    const req = httpRequest(url, { method: options.method ?? "POST", headers: options.headers, ...agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

export const INITIALIZE_BODY = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});
