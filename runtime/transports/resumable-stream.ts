// One logical SSE stream of a session (a POST's answer, or the GET stream)
// that may outlive the HTTP response carrying it: every event gets an id and
// is kept in the session's replay buffer before it is written, so the event
// written just as the connection broke is replayed when the client comes back
// with Last-Event-ID, and the events sent while it was away follow.
import type { ServerResponse } from "node:http";
import { formatEventId, type EventStore } from "./event-store.js";
import type { ReplayBuffer } from "./replay-buffer.js";
import { SseStream } from "./sse.js";

/** Where a session's streams keep their events; absent when resumability is off. */
export interface StreamRecord {
  buffer: ReplayBuffer;
  /** Shared with other instances (--event-store). */
  store?: EventStore;
  /** The session's key in the store (its id, plus its owner when the server authenticates). */
  sessionId: string;
}

export class ResumableStream {
  private seq = 0;
  private response: SseStream | undefined;
  ended = false;
  /** No answer will come (its calls were cancelled), yet the client holds an event id of it. */
  abandoned = false;
  /** An event id went out on it: from then on a client that sees it close comes back to resume it. */
  private idsSent = false;
  /** Set by the session that tracks the stream. */
  onEnd: (() => void) | undefined;

  constructor(
    /** Unique within the session. */
    readonly number: number,
    private readonly record: StreamRecord | undefined,
    private readonly keepAliveMs: number,
  ) {}

  get resumable(): boolean {
    return this.record !== undefined;
  }

  /** True while an HTTP response is carrying the stream. */
  get connected(): boolean {
    return this.response !== undefined && !this.response.ended;
  }

  /**
   * Starts the stream on a response. `prime` sends the spec's priming event
   * (an id with empty data): only for clients that can resume (2025-11-25 on),
   * since older ones report the empty data as a JSON parse error.
   */
  open(res: ServerResponse, headers: Record<string, string>, prime: boolean): void {
    const priming = prime && this.resumable ? formatEventId(this.number, 0) : undefined;
    if (priming !== undefined) this.idsSent = true;
    this.carry(new SseStream(res, this.keepAliveMs, headers, priming));
  }

  send(line: string): void {
    if (this.ended || this.abandoned) return;
    const seq = ++this.seq;
    if (this.record !== undefined) {
      this.idsSent = true;
      this.record.buffer.record(this.number, seq, line);
      this.record.store?.append(this.record.sessionId, this.number, seq, line);
      this.response?.send(line, formatEventId(this.number, seq));
    } else {
      this.response?.send(line);
    }
  }

  /**
   * Continues the stream on a new response after the client's last event
   * `afterSeq`: what it missed first, then the live events. A stream that has
   * ended replays and ends the response.
   */
  resume(res: ServerResponse, afterSeq: number, headers: Record<string, string>): void {
    const replayed = new SseStream(res, this.keepAliveMs, headers);
    for (const event of this.record?.buffer.after(this.number, afterSeq) ?? []) replayed.send(event.line, formatEventId(this.number, event.seq));
    if (this.ended) {
      replayed.end();
      return;
    }
    // An abandoned stream stays open on the new response as well (see abandon).
    // The older response, if somehow still open, stops carrying the stream.
    this.response?.end();
    this.carry(replayed);
  }

  /**
   * Its calls were cancelled, so no answer will come. A client that holds an
   * event id of this stream resumes it whenever it closes without the answer
   * (SDK clients: twice, then "Maximum reconnection attempts exceeded"), so
   * the response is left open and idle, as the reference server does, until
   * the client lets go, the session ends, or the session's cap on abandoned
   * streams closes it. Without ids it simply ends.
   */
  abandon(): void {
    if (this.ended || this.abandoned) return;
    if (!this.idsSent) {
      this.end();
      return;
    }
    this.abandoned = true;
    this.onAbandon?.();
  }

  /** Set by the session that bounds its abandoned streams. */
  onAbandon: (() => void) | undefined;

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd?.();
    this.response?.end();
    this.response = undefined;
    if (this.record !== undefined) this.record.store?.end(this.record.sessionId, this.number, this.seq);
  }

  private carry(response: SseStream): void {
    this.response = response;
    response.onClose(() => {
      if (this.response === response) this.response = undefined;
    });
  }
}

/** Replays what an ended stream (no longer live in the session) left in the buffer, then ends the response. */
export function replayEnded(res: ServerResponse, buffer: ReplayBuffer, stream: number, afterSeq: number, headers: Record<string, string>): void {
  const replayed = new SseStream(res, 0, headers);
  for (const event of buffer.after(stream, afterSeq)) replayed.send(event.line, formatEventId(stream, event.seq));
  replayed.end();
}
