// The table of stateful Streamable HTTP sessions. Clients that never send
// DELETE (most of them) and probes that initialize and leave would otherwise
// grow the server without bound: sessions idle past a timeout are reaped, and
// the table has a cap.
import { randomUUID } from "node:crypto";
import type { RequestId } from "../protocol/jsonrpc.js";
import type { ServerCore } from "../protocol/core.js";
import { Session } from "../protocol/session.js";
import type { PostExchange, SseStream } from "./sse.js";

/** One HTTP session: the protocol session plus where its lines go. */
export class HttpSession {
  readonly session: Session;
  /** Open POST responses by the request ids they wait for. */
  readonly exchanges = new Map<RequestId, PostExchange>();
  /** The GET stream for messages unrelated to any request. */
  stream: SseStream | undefined;
  lastActive = Date.now();
  /** The request being handled synchronously, for lines sent without a related id. */
  current: RequestId | undefined;

  constructor(core: ServerCore, readonly id: string | undefined) {
    this.session = new Session(core, (line, relatedId) => this.route(line, relatedId), id);
    // Without a session id, the client's answer to a server request may reach another instance.
    if (id === undefined) this.session.clientCanAnswer = false;
  }

  private route(line: string, relatedId: RequestId | undefined): void {
    const id = relatedId ?? this.current;
    const exchange = id === undefined ? undefined : this.exchanges.get(id);
    if (exchange !== undefined) {
      exchange.send(line, id!);
      return;
    }
    // Unrelated to an open request: the GET stream if the client opened one;
    // otherwise there is nowhere to deliver it (the spec allows dropping).
    this.stream?.send(line);
  }

  /** Registers a POST's exchange for each request id it carries. */
  attach(exchange: PostExchange): void {
    for (const id of exchange.requestIds) this.exchanges.set(id, exchange);
  }

  /** Only the exchange's own ids: a session with many calls in flight has many exchanges. */
  detach(exchange: PostExchange): void {
    for (const id of exchange.requestIds) if (this.exchanges.get(id) === exchange) this.exchanges.delete(id);
  }

  get busy(): boolean {
    return this.exchanges.size > 0 || this.session.inFlightCount > 0;
  }

  close(): void {
    this.session.close();
    for (const exchange of new Set(this.exchanges.values())) exchange.close();
    this.exchanges.clear();
    this.stream?.end();
    this.stream = undefined;
  }
}

export interface SessionTableOptions {
  /** A session with no request for this long, and none in flight, is closed. */
  idleTimeoutMs: number;
  /** Most sessions open at once. */
  maxSessions: number;
  /**
   * A busy session with no request for this long is stuck (its calls outlived
   * every time bound): at the cap it makes room like an idle one, so stuck
   * sessions never lock new clients out.
   */
  stuckAfterMs: number;
}

export class SessionTable {
  private readonly sessions = new Map<string, HttpSession>();
  private readonly reaper: NodeJS.Timeout;

  constructor(
    private readonly core: ServerCore,
    private readonly options: SessionTableOptions,
    private readonly log: (message: string) => void,
  ) {
    // Check often enough that a session outlives its timeout by at most half of it.
    const interval = Math.max(50, Math.min(options.idleTimeoutMs / 2, 30_000));
    this.reaper = setInterval(() => this.reapIdle(), interval);
    this.reaper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): HttpSession | undefined {
    return this.sessions.get(id);
  }

  /**
   * Opens a session, making room at the cap by closing the least recently
   * active idle session. Undefined when every session is busy.
   */
  create(): HttpSession | undefined {
    if (this.sessions.size >= this.options.maxSessions && !this.evictOldestIdle()) return undefined;
    const session = new HttpSession(this.core, randomUUID());
    this.sessions.set(session.id!, session);
    return session;
  }

  delete(id: string): boolean {
    const session = this.sessions.get(id);
    if (session === undefined) return false;
    this.sessions.delete(id);
    session.close();
    return true;
  }

  reapIdle(now = Date.now()): void {
    let reaped = 0;
    for (const [id, session] of this.sessions) {
      if (!session.busy && now - session.lastActive >= this.options.idleTimeoutMs) {
        this.sessions.delete(id);
        session.close();
        reaped++;
      }
    }
    if (reaped > 0) this.log(`mcpc: closed ${reaped} idle session${reaped === 1 ? "" : "s"} (${this.sessions.size} open)`);
  }

  private evictOldestIdle(): boolean {
    // Map order is creation order, not activity: find the least recently active.
    let oldest: HttpSession | undefined;
    for (const session of this.sessions.values()) {
      if (!session.busy && (oldest === undefined || session.lastActive < oldest.lastActive)) oldest = session;
    }
    if (oldest === undefined) {
      const now = Date.now();
      for (const session of this.sessions.values()) {
        if (now - session.lastActive >= this.options.stuckAfterMs && (oldest === undefined || session.lastActive < oldest.lastActive)) oldest = session;
      }
      if (oldest === undefined) return false;
      this.log(`mcpc: closed a session busy with no request for ${now - oldest.lastActive} ms to make room for a new client`);
    }
    this.delete(oldest.id!);
    return true;
  }

  /** Sum of calls in flight across sessions. */
  get inFlight(): number {
    let count = 0;
    for (const session of this.sessions.values()) count += session.session.inFlightCount;
    return count;
  }

  get busy(): boolean {
    for (const session of this.sessions.values()) if (session.busy) return true;
    return false;
  }

  closeAll(): void {
    clearInterval(this.reaper);
    for (const id of [...this.sessions.keys()]) this.delete(id);
  }
}
