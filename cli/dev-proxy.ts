// The stable listener of `mcpc dev`: clients connect here, and each request
// goes to the server process of the latest good build. When a rebuild
// replaces the process, a client's session goes on: on its next request the
// proxy opens a session for it on the new process by replaying its
// `initialize` (and `notifications/initialized`, and its last
// `logging/setLevel`), then maps the client's session id to the new one. The
// client never sees "Session not found". Development only: it listens on the
// developer's loopback and bounds bodies like the server does.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Larger bodies are refused; the server behind has its own, smaller, limit. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

interface ProxiedSession {
  /** The session id on the process of `generation`. */
  childId: string;
  generation: number;
  initialize: Buffer;
  setLevel?: Buffer;
  /** A re-initialization under way, shared by the requests that wait for it. */
  moving?: Promise<void>;
}

interface Target {
  url: URL;
  generation: number;
}

export class DevProxy {
  private target: Target | undefined;
  private generation = 0;
  private readonly sessions = new Map<string, ProxiedSession>();
  readonly server: Server;

  constructor(private readonly log: (message: string) => void) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.log(`mcpc dev: proxying a request failed: ${(error as Error)?.message ?? String(error)}\n`);
        if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "The dev server is restarting; try again" }, id: null }));
        else res.destroy();
      });
    });
  }

  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        const address = this.server.address() as AddressInfo;
        resolve(`http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`);
      });
    });
  }

  /** From now on requests go to the server at `url` (the MCP endpoint of the new process). */
  switchTo(url: string): void {
    this.target = { url: new URL(url), generation: ++this.generation };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = this.target;
    if (target === undefined) {
      res.writeHead(503, { "retry-after": "1" }).end();
      return;
    }
    const body = await readBody(req);
    const clientId = typeof req.headers["mcp-session-id"] === "string" ? req.headers["mcp-session-id"] : undefined;
    const session = clientId === undefined ? undefined : this.sessions.get(clientId);
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.url.host };
    if (session !== undefined) {
      if (session.generation !== target.generation) {
        session.moving ??= this.reinitialize(session, target, req.headers).finally(() => (session.moving = undefined));
        await session.moving;
        // Event ids of the old process mean nothing to the new one: the client gets a fresh stream.
        delete headers["last-event-id"];
      }
      headers["mcp-session-id"] = session.childId;
      if (req.method === "POST" && body.includes('"logging/setLevel"')) session.setLevel = body;
    }
    const path = req.url ?? "/";
    const upstream = httpRequest(new URL(path, target.url), { method: req.method, headers }, (answer) => {
      const out: IncomingHttpHeaders = { ...answer.headers };
      const opened = answer.headers["mcp-session-id"];
      if (clientId === undefined && typeof opened === "string") {
        this.sessions.set(opened, { childId: opened, generation: target.generation, initialize: body });
      } else if (clientId !== undefined && session !== undefined) {
        if (opened !== undefined) out["mcp-session-id"] = clientId;
        if (req.method === "DELETE" || answer.statusCode === 404) this.sessions.delete(clientId);
      }
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: `The dev server is unreachable: ${error.message}` }, id: null }));
      else res.destroy();
    });
    // The client went away: so does the request upstream (a cut stream, not a cancel; the server runs the call on).
    res.on("close", () => upstream.destroy());
    upstream.end(body);
  }

  /** Opens a session on the new process as the client opened its first one. */
  private async reinitialize(session: ProxiedSession, target: Target, clientHeaders: IncomingHttpHeaders): Promise<void> {
    const base: Record<string, string> = { "content-type": "application/json", accept: "application/json, text/event-stream", host: target.url.host };
    const init = await send(target.url, base, session.initialize);
    const childId = init.headers["mcp-session-id"];
    if (typeof childId !== "string") throw new Error(`the new server refused the session's initialize (${init.status})`);
    const version = clientHeaders["mcp-protocol-version"];
    const inSession = { ...base, "mcp-session-id": childId, ...(typeof version === "string" ? { "mcp-protocol-version": version } : {}) };
    await send(target.url, inSession, Buffer.from(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })));
    if (session.setLevel !== undefined) await send(target.url, inSession, session.setLevel);
    session.childId = childId;
    session.generation = target.generation;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error("request body too large"));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(url: URL, headers: Record<string, string>, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers }, (answer) => {
      answer.resume();
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers }));
    });
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error("the new server did not answer within 10 s")));
    request.end(body);
  });
}
