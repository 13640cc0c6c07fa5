// Streamable HTTP (MCP 2025-11-25) on node:http: POST carries client
// messages (answered with JSON or an SSE stream), GET opens the server's
// stream, DELETE ends a session. Built directly on node:http because the
// SDK's transport converts every request to web-standard objects.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Authenticator } from "../auth/authenticator.js";
import type { AuthSettings } from "../auth/options.js";
import type { AuthInfo, AuthOutcome } from "../auth/types.js";
import { errorStack } from "../error-stack.js";
import { idJson, isRequestId, type RequestId } from "../protocol/jsonrpc.js";
import { parseMessageText } from "../protocol/json-text.js";
import type { ServerCore } from "../protocol/core.js";
import { SUPPORTED_PROTOCOL_VERSIONS, negotiateVersion } from "../protocol/versions.js";
import { RateLimiter, retryAfterSeconds, type RateRefusal } from "../rate-limit.js";
import { BodyTooLarge, checkHostAndOrigin, defaultAllowedHosts, readBody, urlHost, type OriginPolicy } from "./http-security.js";
import { HttpSession, SessionTable, type StreamSettings } from "./sessions.js";
import { clientAddress, type TrustProxy } from "./client-address.js";
import { OutputGuard } from "./output-bound.js";
import { PostExchange, SseStream } from "./sse.js";
import { formatEventId, parseEventId, type EventStore } from "./event-store.js";
import { replayEnded } from "./resumable-stream.js";
import { allowOrigin, answerPreflight } from "./cors.js";
import { featuresOf } from "../protocol/version-shaping.js";
import type { RateLimitOptions } from "../rate-limit.js";

/** The authorization settings (`--public-url`, `--auth-issuer`, … and `--auth-token`) are HTTP options too. */
export interface HttpOptions extends AuthSettings {
  /** Address to bind; loopback unless the operator chooses otherwise. */
  host: string;
  /** 0 picks a free port (printed on stderr). */
  port: number;
  /** The MCP endpoint. */
  path: string;
  /** No sessions: every request is served on its own, so any instance can answer it. */
  stateless: boolean;
  /** Require `Authorization: Bearer <token>` (ignored when `authenticator` is given: it holds the static token too). */
  authToken?: string;
  /** Checks every request's bearer token and serves the protected resource metadata (OAuth, see runtime/auth). */
  authenticator?: Authenticator;
  /** Host names accepted in the Host header; default: loopback names plus the bound host. */
  allowedHosts?: string[];
  /** Origins accepted from browsers; default: origins whose host is an allowed host. */
  allowedOrigins?: string[];
  /** Largest request body. */
  maxBodyBytes: number;
  /** Time allowed to receive a whole request (headers and body). */
  requestTimeoutMs: number;
  sessionIdleTimeoutMs: number;
  maxSessions: number;
  /** Interval of SSE keep-alive comments; 0 disables them. */
  keepAliveMs: number;
  /** On shutdown, how long calls in flight may run on. */
  shutdownGraceMs: number;
  /** Events kept per session for clients that resume a broken stream (Last-Event-ID); 0 turns resumption off. */
  replayEvents: number;
  /** Bytes of events kept per session for resumption. */
  replayBytes: number;
  /** A shared event store (`redis://…`) so any instance can resume a stream another one writes. */
  eventStore?: string;
  /** Unsent bytes a connection may hold once its client stops reading. */
  maxOutputBytes: number;
  /** A connection whose output drains nothing for this long is closed; 0: never. */
  writeTimeoutMs: number;
  /** Most open connections. */
  maxConnections: number;
  rateLimit?: RateLimitOptions;
  /** Proxies whose X-Forwarded-For is believed when telling clients apart. */
  trustProxy?: TrustProxy;
  /** Where operator messages go. */
  log: (message: string) => void;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  host: "127.0.0.1",
  port: 3000,
  path: "/mcp",
  stateless: false,
  maxBodyBytes: 4 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  sessionIdleTimeoutMs: 30 * 60_000,
  maxSessions: 1000,
  keepAliveMs: 15_000,
  shutdownGraceMs: 10_000,
  replayEvents: 1000,
  replayBytes: 8 * 1024 * 1024,
  // As over stdio: the most answers queued for a client that stopped reading.
  maxOutputBytes: 4 * 1024 * 1024,
  writeTimeoutMs: 30_000,
  maxConnections: 1000,
  log: (message) => process.stderr.write(`${message}\n`),
};

export interface HttpServerHandle {
  readonly server: Server;
  /** The URL of the MCP endpoint, with the bound port. */
  readonly url: string;
  /** Number of open sessions (0 in stateless mode). */
  readonly sessionCount: number;
  /** Stops accepting, waits for calls in flight (up to the grace period), closes everything. */
  close(): Promise<void>;
}

/** Thrown inside request handling to answer with an HTTP error. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = -32000,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface ParsedMessage {
  message: Record<string, unknown>;
  /** Set for requests. */
  id?: RequestId;
  method?: string;
}

const SESSION_HEADER = "mcp-session-id";
const VERSION_HEADER = "mcp-protocol-version";

export async function serveHttp(core: ServerCore, options: HttpOptions): Promise<HttpServerHandle> {
  const policy: OriginPolicy = {
    allowedHosts: options.allowedHosts?.map((h) => h.toLowerCase()) ?? defaultAllowedHosts(options.host),
    allowedOrigins: options.allowedOrigins ?? [],
  };
  if (policy.allowedHosts === undefined) {
    options.log(`mcpc: listening on all interfaces without --allowed-hosts: the Host header is not checked (DNS-rebinding protection is off)`);
  }
  const authenticator = options.authenticator ?? (options.authToken ? new Authenticator({ staticToken: options.authToken, scopesSupported: core.scopesSupported }) : undefined);
  const scoped = core.scopesSupported.length > 0;
  const limiter = options.rateLimit ? RateLimiter.from(options.rateLimit) : undefined;
  const store = options.eventStore === undefined || options.stateless ? undefined : await connectEventStore(options.eventStore, options);
  const streamSettings: StreamSettings = { keepAliveMs: options.keepAliveMs, replay: { maxEvents: options.replayEvents, maxBytes: options.replayBytes }, store };
  const sessions = options.stateless
    ? undefined
    : new SessionTable(
        core,
        {
          idleTimeoutMs: options.sessionIdleTimeoutMs,
          maxSessions: options.maxSessions,
          // Past the call timeout a busy session is stuck; with no timeout, past the idle timeout.
          stuckAfterMs: core.options.defaultTimeoutMs > 0 ? core.options.defaultTimeoutMs : options.sessionIdleTimeoutMs,
        },
        options.log,
        streamSettings,
      );
  /** Exchanges of stateless requests still open, for shutdown. */
  const statelessOpen = new Set<HttpSession>();
  let stopping = false;

  const clientKey = (req: IncomingMessage, auth: AuthInfo | undefined): string =>
    // An authenticated caller is limited as who it is (whatever token it holds
    // now, however the header is spelt); anyone else by address, read through
    // the trusted proxies.
    auth !== undefined ? `principal:${principalOf(auth)}` : `addr:${clientAddress(req, options.trustProxy)}`;

  // Requests are handled with plain callbacks, not async functions: a
  // small POST is answered within the turn its body arrives in, and the
  // promises of an async path were a measurable part of each call.
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt < 0 ? url : url.slice(0, queryAt);

    if (path === "/health" && req.method === "GET") {
      // Probes come from orchestrators that address the pod by IP: no Host check, no token.
      const status = stopping ? 503 : 200;
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      const inFlight = (sessions?.inFlight ?? 0) + [...statelessOpen].reduce((n, http) => n + http.session.inFlightCount, 0);
      res.end(JSON.stringify({ status: stopping ? "stopping" : "ok", sessions: sessions?.size ?? 0, inFlight }));
      return;
    }
    if (authenticator?.metadataJson !== undefined && authenticator.metadataPaths.includes(path)) {
      // Public by design (RFC 9728), and fetched by browser-based clients from other origins: before the Origin check.
      return serveMetadata(req, res, authenticator.metadataJson);
    }
    const refusedOrigin = checkHostAndOrigin(req, policy);
    if (refusedOrigin !== undefined) throw new HttpError(403, refusedOrigin);
    allowOrigin(req, res);
    if (path !== options.path) throw new HttpError(404, "Not found");
    // A preflight carries no credentials: it is answered before the token check.
    if (req.method === "OPTIONS") return answerPreflight(res);
    if (authenticator === undefined) return admitted(req, res, undefined);
    // The hot path (a token seen before, the static token) is answered in this turn; a new token waits for its check.
    const known = authenticator.authenticateKnown(req.headers.authorization);
    if (known !== undefined) return admitted(req, res, authorized(known));
    authenticator.authenticate(req.headers.authorization).then(
      (outcome) => {
        try {
          admitted(req, res, authorized(outcome));
        } catch (error) {
          failed(req, res, error);
        }
      },
      (error: unknown) => failed(req, res, error),
    );
  };

  // Why tokens could not be checked (the issuer down): said once per reason and minute, not once per request.
  let lastAuthDetail = "";
  let lastAuthDetailAt = 0;
  /** The caller, or an HttpError with the refusal's status and challenge. */
  const authorized = (outcome: AuthOutcome): AuthInfo => {
    if (outcome.ok) return outcome.auth;
    if (outcome.detail !== undefined && (outcome.detail !== lastAuthDetail || Date.now() - lastAuthDetailAt > 60_000)) {
      lastAuthDetail = outcome.detail;
      lastAuthDetailAt = Date.now();
      options.log(outcome.detail);
    }
    const headers: Record<string, string> = { "www-authenticate": outcome.wwwAuthenticate };
    if (outcome.status === 503) headers["retry-after"] = "5";
    throw new HttpError(outcome.status, `${outcome.status === 503 ? "Service Unavailable" : "Unauthorized"}: ${outcome.description}`, -32000, headers);
  };

  const admitted = (req: IncomingMessage, res: ServerResponse, auth: AuthInfo | undefined): void => {
    if (stopping) throw new HttpError(503, "The server is shutting down", -32000, { connection: "close" });
    const refusal = limiter?.admitClient(clientKey(req, auth));
    if (refusal !== undefined) throw tooManyRequests(refusal);

    switch (req.method) {
      case "POST":
        return handlePost(req, res, auth);
      case "GET":
        return handleGet(req, res, auth);
      case "DELETE":
        return handleDelete(req, res, auth);
      default:
        throw new HttpError(405, "Method not allowed", -32000, { allow: "GET, POST, DELETE, OPTIONS" });
    }
  };

  const handlePost = (req: IncomingMessage, res: ServerResponse, auth: AuthInfo | undefined): void => {
    const accept = req.headers.accept ?? "";
    if (!accept.includes("application/json") || !accept.includes("text/event-stream")) {
      throw new HttpError(406, "Not Acceptable: the client must accept both application/json and text/event-stream");
    }
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== "application/json") throw new HttpError(415, "Unsupported Media Type: Content-Type must be application/json");

    if (awaitingContinue.has(req)) {
      // `Expect: 100-continue`: the client sends the body only when told to,
      // so tell it only once the declared size is known to fit.
      const declared = Number(req.headers["content-length"]);
      if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
        throw new HttpError(413, `Request body too large: the limit is ${options.maxBodyBytes} bytes`, -32000, { connection: "close" });
      }
      res.writeContinue();
    }
    readBody(req, options.maxBodyBytes, (error, body) => {
      try {
        if (error instanceof BodyTooLarge) throw new HttpError(413, `Request body too large: the limit is ${options.maxBodyBytes} bytes`, -32000, { connection: "close" });
        if (error !== undefined) throw error;
        answerPost(req, res, body!, auth);
      } catch (failure) {
        failed(req, res, failure);
      }
    });
  };

  const answerPost = (req: IncomingMessage, res: ServerResponse, body: string, auth: AuthInfo | undefined): void => {
    const { messages, batch } = parseMessages(body, core.options.maxMessageValues);
    const initialize = messages.find((m) => m.method === "initialize" && m.id !== undefined);
    if (initialize !== undefined && messages.length > 1) throw new HttpError(400, "Invalid Request: initialize must be sent alone", -32600);

    if (limiter !== undefined) {
      for (const m of messages) {
        if (m.method !== "tools/call") continue;
        const name = (m.message.params as Record<string, unknown> | undefined)?.name;
        const toolRefusal = typeof name === "string" ? limiter.admitTool(name, clientKey(req, auth)) : undefined;
        if (toolRefusal !== undefined) throw tooManyRequests(toolRefusal);
      }
    }

    // Scopes are checked here, before anything is answered, so a caller
    // lacking one gets the 403 and challenge its client can step up from.
    if (scoped && auth !== undefined && authenticator !== undefined) {
      for (const m of messages) {
        if (m.id === undefined || m.method === undefined) continue;
        const requirement = core.requiredScopes(m.method, m.message.params);
        const refusal = requirement === undefined ? undefined : authenticator.requireScopes(auth, requirement.scopes, requirement.what);
        if (refusal !== undefined) throw new HttpError(403, `Forbidden: ${refusal.description}`, -32000, { "www-authenticate": refusal.wwwAuthenticate });
      }
    }

    let http: HttpSession;
    const headers: Record<string, string> = {};
    if (sessions === undefined) {
      http = new HttpSession(core, undefined);
      // Each stateless request is its own session: the header says which version the answers are for
      // (without one, the spec says to assume 2025-03-26).
      if (initialize === undefined) {
        checkProtocolVersion(req);
        const version = req.headers[VERSION_HEADER];
        http.session.protocolVersion = typeof version === "string" ? version : "2025-03-26";
      }
    } else if (initialize !== undefined) {
      if (req.headers[SESSION_HEADER] !== undefined) throw new HttpError(400, "Invalid Request: the session is already initialized", -32600);
      // Refused before a session exists, or it would be left open with nobody knowing its id.
      refuseBatch(batch, negotiateVersion((initialize.message.params as Record<string, unknown> | undefined)?.protocolVersion));
      const created = sessions.create();
      if (created === undefined) throw new HttpError(503, "Too many sessions", -32000, { "retry-after": "5" });
      http = created;
      http.owner = auth === undefined ? undefined : principalOf(auth);
      if (http.record !== undefined) http.record.sessionId = storeScope(http.id!, auth);
      headers["mcp-session-id"] = created.id!;
    } else {
      http = requireSession(req, auth);
      checkProtocolVersion(req);
    }
    http.lastActive = Date.now();
    if (initialize === undefined) refuseBatch(batch, http.session.protocolVersion);

    const requestIds = messages.filter((m) => m.id !== undefined).map((m) => m.id!);
    if (requestIds.length === 0) {
      // Only notifications and responses: accepted, nothing to answer.
      for (const m of messages) dispatch(http, m, auth);
      res.writeHead(202).end();
      if (sessions === undefined) http.close();
      return;
    }
    if (sessions !== undefined) {
      // A call whose POST went away may still be running (its client can
      // resume the stream): the same id again must not receive its answer.
      for (const id of requestIds) {
        if (http.exchanges.has(id) || http.session.isInFlight(id)) throw new HttpError(409, `Conflict: request id ${idJson(id)} is already in flight`, -32600);
      }
    }
    // A client that disconnects has not cancelled (the spec says so): while
    // it can resume, its calls run on and later lines wait for it.
    const exchange = new PostExchange(res, requestIds, batch, () => http.newStream(), headers, (done) => {
      http.detach(done);
      // A client that went away without a way back (no event id to resume
      // from) can never receive the answers: stop the work instead of
      // letting it hold the session busy until its timeout.
      if (done.lostClient && !done.resumable) for (const id of done.unanswered) http.session.cancelRequest(id);
      http.lastActive = Date.now();
      if (sessions === undefined) {
        statelessOpen.delete(http);
        http.close();
      }
    }, http.primeStreams);
    // Twice the largest tool result: one full-size answer always fits.
    exchange.maxAnswerChars = 2 * core.options.maxResultBytes;
    http.attach(exchange);
    if (sessions === undefined) statelessOpen.add(http);
    for (const m of messages) dispatch(http, m, auth);
  };

  const dispatch = (http: HttpSession, m: ParsedMessage, auth: AuthInfo | undefined): void => {
    http.current = m.id;
    http.session.auth = auth;
    try {
      http.session.handleMessage(m.message);
    } finally {
      http.current = undefined;
      http.session.auth = undefined;
    }
    if (m.method === "notifications/cancelled") {
      // A cancelled call is never answered: end its POST's response.
      const requestId = (m.message.params as Record<string, unknown> | undefined)?.requestId;
      if (isRequestId(requestId)) http.exchanges.get(requestId)?.abandon(requestId);
    }
  };

  const handleGet = (req: IncomingMessage, res: ServerResponse, auth: AuthInfo | undefined): void => {
    if (sessions === undefined) throw new HttpError(405, "Method not allowed: a stateless server has no server stream", -32000, { allow: "POST" });
    if (!(req.headers.accept ?? "").includes("text/event-stream")) throw new HttpError(406, "Not Acceptable: the client must accept text/event-stream");
    const lastEventId = req.headers["last-event-id"];
    if (typeof lastEventId === "string") return resumeStream(req, res, lastEventId, auth);
    // Without a session id (a client asking before initialize, or after ending its session) there is no
    // stream to offer: the spec's GET rule allows 405 for that, and clients (@ai-sdk/mcp opens its GET before
    // initialize) read 405 as "no stream yet" and retry later, where a 400 is reported to the user as an error.
    const id = req.headers[SESSION_HEADER];
    if (typeof id !== "string" || id === "") throw new HttpError(405, "Method not allowed: open the server stream with the Mcp-Session-Id of an initialized session", -32000, { allow: "POST, DELETE, OPTIONS" });
    const http = requireSession(req, auth);
    checkProtocolVersion(req);
    if (http.stream?.connected === true) throw new HttpError(409, "Conflict: this session already has a server stream open");
    http.lastActive = Date.now();
    // A GET without Last-Event-ID starts afresh: an earlier stream the client left is over.
    http.stream?.end();
    const stream = http.newStream();
    stream.open(res, {}, http.primeStreams);
    http.stream = stream;
  };

  /** GET with Last-Event-ID: the stream that event belongs to continues on this response, from the event after it. */
  const resumeStream = (req: IncomingMessage, res: ServerResponse, lastEventId: string, auth: AuthInfo | undefined): void => {
    const position = parseEventId(lastEventId.trim());
    if (position === undefined) throw new HttpError(400, "Bad Request: Last-Event-ID is not an event id of this server");
    const id = req.headers[SESSION_HEADER];
    const local = typeof id === "string" ? sessions!.get(id) : undefined;
    if (local === undefined && store !== undefined && typeof id === "string" && !id.includes(",")) {
      return followElsewhere(req, res, storeScope(id, auth), position.stream, position.seq);
    }
    const http = requireSession(req, auth);
    checkProtocolVersion(req);
    if (http.record === undefined) throw new HttpError(400, "Bad Request: this server keeps no events to resume from (--replay-events 0)");
    if (!http.opened(position.stream)) throw new HttpError(400, "Bad Request: Last-Event-ID names no stream of this session");
    http.lastActive = Date.now();
    const live = http.liveStreams.get(position.stream);
    if (live === undefined) replayEnded(res, http.record.buffer, position.stream, position.seq, {});
    else live.resume(res, position.seq, {});
  };

  /** Another instance holds the session: follow its stream through the shared store. */
  const followElsewhere = (req: IncomingMessage, res: ServerResponse, sessionId: string, stream: number, afterSeq: number): void => {
    const stopped = new AbortController();
    res.once("close", () => stopped.abort());
    void store!.has(sessionId, stream).then(
      (known) => {
        if (!known) {
          sendError(res, new HttpError(404, "Session not found", -32001));
          return;
        }
        const sse = new SseStream(res, options.keepAliveMs, {});
        void store!
          .follow(sessionId, stream, afterSeq, (seq, line) => sse.send(line, formatEventId(stream, seq)), stopped.signal)
          .then(
            () => sse.end(),
            (error: unknown) => {
              options.log(`mcpc: event store: following a stream failed: ${(error as Error)?.message ?? String(error)}`);
              sse.end();
            },
          );
      },
      (error: unknown) => failed(req, res, error),
    );
  };

  const handleDelete = (req: IncomingMessage, res: ServerResponse, auth: AuthInfo | undefined): void => {
    if (sessions === undefined) throw new HttpError(405, "Method not allowed: a stateless server has no sessions", -32000, { allow: "POST" });
    const http = requireSession(req, auth);
    sessions.delete(http.id!);
    res.writeHead(200).end();
  };

  const requireSession = (req: IncomingMessage, auth: AuthInfo | undefined): HttpSession => {
    const id = req.headers[SESSION_HEADER];
    if (typeof id !== "string" || id === "") throw new HttpError(400, "Bad Request: Mcp-Session-Id header is required");
    // Node joins repeated headers with ", "; session ids never hold a comma.
    if (id.includes(",")) throw new HttpError(400, "Bad Request: send one Mcp-Session-Id header");
    const http = sessions!.get(id);
    // Another caller's session answers as one that does not exist: a session id is not a credential.
    if (http === undefined || (http.owner !== undefined && (auth === undefined || principalOf(auth) !== http.owner))) throw new HttpError(404, "Session not found", -32001);
    return http;
  };

  // Node checks request timeouts on this interval (30 s by default, too coarse for short timeouts).
  const checkEvery = Math.max(50, Math.min(1000, Math.floor(options.requestTimeoutMs / 4) || 1000));
  const failed = (req: IncomingMessage, res: ServerResponse, error: unknown): void => {
    if (error instanceof HttpError) {
      sendError(res, error);
      return;
    }
    // The client went away (or timed out) mid-request: nobody to answer.
    if (req.socket.destroyed) return;
    // Unexpected: the details go to the operator, never to the client.
    options.log(`mcpc: HTTP request failed: ${errorStack(error)}`);
    sendError(res, new HttpError(500, "Internal server error", -32603));
  };
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handle(req, res);
    } catch (error) {
      failed(req, res, error);
    }
  };
  const server = createServer({ connectionsCheckingInterval: checkEvery }, serve);
  // With a listener here node does not answer 100 Continue by itself: the
  // request goes through every check (host, token, size) first.
  const awaitingContinue = new WeakSet<IncomingMessage>();
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    awaitingContinue.add(req);
    serve(req, res);
  });
  const outputGuard = new OutputGuard(server, { maxOutputBytes: options.maxOutputBytes, writeTimeoutMs: options.writeTimeoutMs, maxConnections: options.maxConnections }, options.log);
  server.requestTimeout = options.requestTimeoutMs;
  // Node requires headersTimeout <= requestTimeout when the latter is on (0 turns both off).
  if (options.requestTimeoutMs > 0) server.headersTimeout = Math.min(options.requestTimeoutMs, 60_000);
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "408 Request Timeout" : error.code === "HPE_HEADER_OVERFLOW" ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${urlHost(address.address)}:${address.port}${options.path}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      stopping = true;
      // Still listening through the grace period: /health answers 503 (so a
      // balancer takes the instance out) and new MCP requests are refused
      // with 503, rather than connections being refused outright.
      server.closeIdleConnections();
      const deadline = Date.now() + options.shutdownGraceMs;
      const busy = (): boolean => (sessions?.busy ?? false) || statelessOpen.size > 0;
      while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      sessions?.closeAll();
      for (const http of [...statelessOpen]) http.close();
      await store?.close();
      limiter?.stop();
      outputGuard.stop();
      // Keep-alive connections become idle as their last responses flush;
      // close them as they do, and cut whatever lingers after a second.
      const sweep = setInterval(() => server.closeIdleConnections(), 20);
      const cut = setTimeout(() => server.closeAllConnections(), 1000);
      await closed;
      clearInterval(sweep);
      clearTimeout(cut);
    })());

  return {
    server,
    url,
    get sessionCount() {
      return sessions?.size ?? 0;
    },
    close,
  };
}

async function connectEventStore(url: string, options: HttpOptions): Promise<EventStore> {
  if (!/^rediss?:\/\//.test(url)) throw new Error(`--event-store: unsupported store '${url}' (expected redis://host:port)`);
  // Loaded only when asked for: servers without a shared store never load the Redis client.
  const { RedisEventStore } = await import("./redis-event-store.js");
  try {
    return await RedisEventStore.connect(url, { maxEvents: Math.max(1, options.replayEvents), ttlMs: options.sessionIdleTimeoutMs, log: options.log });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND" || !String((error as Error).message).includes("'redis'")) throw error;
    throw new Error("--event-store keeps events in Redis with the package 'redis', which is not installed where the server runs: run 'npm i redis' there.", { cause: error });
  }
}

/** Parses a POST body into messages, refusing what is not JSON-RPC 2.0 with 400. */
function parseMessages(body: string, maxValues: number): { messages: ParsedMessage[]; batch: boolean } {
  const parsed = parseMessageText(body, maxValues);
  if (parsed.refused === "too-many-values") {
    throw new HttpError(413, `Request body too large: it holds more than ${maxValues} JSON values (MCPC_MAX_MESSAGE_VALUES)`, -32000);
  }
  if (parsed.refused === "not-json") throw new HttpError(400, "Parse error: the body is not valid JSON", -32700);
  const raw = parsed.value;
  const batch = Array.isArray(raw);
  const items = batch ? (raw as unknown[]) : [raw];
  if (items.length === 0 || items.length > 100) throw new HttpError(400, "Invalid Request: a batch holds 1 to 100 messages", -32600);
  const messages = items.map((item): ParsedMessage => {
    if (item === null || typeof item !== "object" || Array.isArray(item) || (item as Record<string, unknown>).jsonrpc !== "2.0") {
      throw new HttpError(400, "Invalid Request: expected JSON-RPC 2.0 messages", -32600);
    }
    const message = item as Record<string, unknown>;
    const method = message.method;
    if (typeof method === "string") {
      if (message.id === undefined) return { message, method };
      if (!isRequestId(message.id)) throw new HttpError(400, "Invalid Request: id must be a string or a number", -32600);
      return { message, id: message.id, method };
    }
    if (isRequestId(message.id) && ("result" in message || "error" in message)) return { message };
    throw new HttpError(400, "Invalid Request: expected a request, notification or response", -32600);
  });
  if (batch) {
    // One POST's answer is keyed by request id: a repeated id would leave one request silently unanswered.
    const ids = new Set<RequestId>();
    for (const m of messages) {
      if (m.id === undefined) continue;
      if (ids.has(m.id)) throw new HttpError(400, `Invalid Request: request id ${idJson(m.id)} appears twice in the batch`, -32600);
      ids.add(m.id);
    }
  }
  return { messages, batch };
}

/**
 * A session's key in a shared event store: its id, and when the server
 * authenticates, a hash of its owner, so another instance (which does not
 * hold the session) finds its streams only for the same caller.
 */
function storeScope(sessionId: string, auth: AuthInfo | undefined): string {
  return auth === undefined ? sessionId : `${sessionId}:${createHash("sha256").update(principalOf(auth)).digest("base64url").slice(0, 22)}`;
}

/** JSON-RPC batches exist up to 2025-03-26; 2025-06-18 removed them. */
function refuseBatch(batch: boolean, version: string | undefined): void {
  if (batch && !featuresOf(version).batches) {
    throw new HttpError(400, `Invalid Request: protocol version ${version} has no JSON-RPC batches; send one message per POST`, -32600);
  }
}

/**
 * Who a caller is, for binding sessions and rate limits: the issuer, subject
 * and client together (a subject is unique only within its issuer). The
 * static token is one principal.
 */
function principalOf(auth: AuthInfo): string {
  const issuer = typeof auth.claims.iss === "string" ? auth.claims.iss : "";
  return JSON.stringify([issuer, auth.subject ?? "", auth.clientId ?? ""]);
}

/** The RFC 9728 document: public, cacheable, readable from any origin. */
function serveMetadata(req: IncomingMessage, res: ServerResponse, json: string): void {
  const cors = { "access-control-allow-origin": "*", "access-control-allow-methods": "GET, OPTIONS", "access-control-allow-headers": "mcp-protocol-version" };
  if (req.method === "OPTIONS") {
    res.writeHead(204, { ...cors, "access-control-max-age": "86400" }).end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "Method not allowed", -32000, { allow: "GET, OPTIONS" });
  res.writeHead(200, { ...cors, "content-type": "application/json", "cache-control": "public, max-age=300" });
  res.end(req.method === "HEAD" ? undefined : json);
}

function checkProtocolVersion(req: IncomingMessage): void {
  const version = req.headers[VERSION_HEADER];
  if (typeof version === "string" && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    throw new HttpError(400, `Bad Request: unsupported protocol version ${version} (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(", ")})`);
  }
}

function tooManyRequests(refusal: RateRefusal): HttpError {
  return new HttpError(429, refusal.message, -32000, { "retry-after": String(retryAfterSeconds(refusal)) });
}

function sendError(res: ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(error.status, { "content-type": "application/json", ...error.headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: error.code, message: error.message }, id: null }));
}
