// The table of stateful Streamable HTTP sessions. Clients that never send
// DELETE (most of them) and probes that initialize and leave would otherwise
// grow the server without bound: sessions idle past a timeout are reaped, and
// the table has a cap.
import { randomUUID } from "node:crypto";
import type { RequestId } from "../protocol/jsonrpc.js";
import type { ServerCore } from "../protocol/core.js";
import { Session } from "../protocol/session.js";
import { answerWait } from "./line-writer.js";
import type { EventStore } from "./event-store.js";
import { ReplayBuffer, type ReplayLimits } from "./replay-buffer.js";
import { ResumableStream, type StreamRecord } from "./resumable-stream.js";
import type { PostExchange } from "./sse.js";

/** Clients on this version or later are primed to resume (spec 2025-11-25); older ones take the empty event for bad JSON. */
const PRIMING_SINCE = "2025-11-25";

/** Most streams of cancelled calls a session keeps open (see ResumableStream.abandon). */
const MAX_ABANDONED_STREAMS = 16;

/** How a session's SSE streams are made resumable. */
export interface StreamSettings {
  keepAliveMs: number;
  /** Per-session replay buffer; maxEvents 0 turns resumability off. */
  replay: ReplayLimits;
  store?: EventStore;
}

/** One HTTP session: the protocol session plus where its lines go. */
export class HttpSession {
  readonly session: Session;
  /** Open POST responses by the request ids they wait for. */
  readonly exchanges = new Map<RequestId, PostExchange>();
  /** The GET stream for messages unrelated to any request. */
  stream: ResumableStream | undefined;
  /** Streams that may still send, by number: what Last-Event-ID resumes. */
  readonly liveStreams = new Map<number, ResumableStream>();
  private nextStream = 1;
  /** Absent when resumability is off (stateless, or --replay-events 0). */
  readonly record: StreamRecord | undefined;
  lastActive = Date.now();
  /** The request being handled synchronously, for lines sent without a related id. */
  current: RequestId | undefined;
  /** Who opened the session (see principalOf), when the server authenticates: no one else may use it. */
  owner: string | undefined;

  constructor(
    core: ServerCore,
    readonly id: string | undefined,
    private readonly settings: StreamSettings = { keepAliveMs: 0, replay: { maxEvents: 0, maxBytes: 0 } },
  ) {
    // An answer after progress goes ANSWER_APART_MS after the last line sent: a
    // bridge such as mcp-remote re-sends SSE events over stdio as they arrive,
    // where the SDK client would read progress and answer together and drop the
    // progress (see ANSWER_APART_MS). A call whose progress ended that long ago
    // is answered at once.
    this.session = new Session(
      core,
      (line, relatedId) => this.route(line, relatedId),
      id,
      (line, relatedId) => {
        const wait = answerWait(this.lastRoutedAt);
        if (wait === 0) this.route(line, relatedId);
        else setTimeout(() => this.route(line, relatedId), wait);
      },
    );
    // Without a session id, the client's answer to a server request may reach another instance.
    if (id === undefined) this.session.clientCanAnswer = false;
    if (id !== undefined && settings.replay.maxEvents > 0) {
      this.record = { buffer: new ReplayBuffer(settings.replay), store: settings.store, sessionId: id };
    }
  }

  /** A new logical stream, tracked until it ends. */
  newStream(): ResumableStream {
    const stream = new ResumableStream(this.nextStream++, this.record, this.settings.keepAliveMs);
    if (this.record !== undefined) {
      this.liveStreams.set(stream.number, stream);
      stream.onEnd = () => {
        this.liveStreams.delete(stream.number);
        this.abandoned.delete(stream);
      };
      stream.onAbandon = () => {
        this.abandoned.add(stream);
        // Each holds a connection open: past the cap, the oldest is closed.
        if (this.abandoned.size > MAX_ABANDONED_STREAMS) this.abandoned.values().next().value!.end();
      };
    }
    return stream;
  }

  /** Streams whose calls were cancelled, kept open for the client (oldest first). */
  private readonly abandoned = new Set<ResumableStream>();

  /** True when `number` names a stream this session opened. */
  opened(number: number): boolean {
    return number >= 1 && number < this.nextStream;
  }

  /** Whether SSE answers start with a priming event: only where the client can come back and resume. */
  get primeStreams(): boolean {
    const version = this.session.protocolVersion;
    return this.record !== undefined && version !== undefined && version >= PRIMING_SINCE;
  }

  /** When this session last sent a line (the answer after progress keeps its distance from it). */
  private lastRoutedAt = -Infinity;

  private route(line: string, relatedId: RequestId | undefined): void {
    this.lastRoutedAt = performance.now();
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
    for (const stream of [...this.liveStreams.values()]) stream.end();
    this.record?.buffer.clear();
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
    private readonly streams?: StreamSettings,
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
    const session = new HttpSession(this.core, randomUUID(), this.streams);
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
