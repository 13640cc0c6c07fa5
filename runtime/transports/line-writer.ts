import type { Writable } from "node:stream";

/**
 * The least time between a call's last notifications and its answer (see
 * sendApart). Not an ordering guarantee, none exists from this side: the SDK
 * client dispatches a notification a microtask after reading it and forgets
 * the call's progress handler when it reads the answer, so progress and
 * answer read from one chunk lose the progress ("unknown token"). Over stdio
 * (and through a bridge such as mcp-remote, which re-sends SSE events over
 * stdio as they arrive) the reader's chunks are whatever the pipe holds when
 * it reads: a write callback only says the kernel took the bytes. A round
 * trip (ping) would guarantee it, at the cost of a call that waits on a
 * client that never answers. 10 ms was not enough under test load.
 */
export const ANSWER_APART_MS = 50;

/** How long an answer must still wait, given when the last line before it went out. */
export function answerWait(lastWriteAt: number, now = performance.now()): number {
  return Math.max(0, lastWriteAt + ANSWER_APART_MS - now);
}

/**
 * Batches outgoing lines: everything produced in one turn of the event loop
 * goes out in a single write, and nothing is written while the stream is
 * applying backpressure.
 */
export class LineWriter {
  private queue: string[] = [];
  private scheduled = false;
  private blocked = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private queuedLength = 0;
  /** When the last chunk was handed to the stream (or the stream drained it). */
  private lastWriteAt = -Infinity;

  constructor(
    private readonly write: (chunk: string, callback: (error?: Error | null) => void) => boolean,
    private readonly stream: Writable,
    /** Told after each write whether the stream is applying backpressure, so a reader can stop taking requests. */
    private readonly onPressure?: (blocked: boolean) => void,
  ) {
    stream.on("drain", () => {
      this.lastWriteAt = performance.now();
      this.blocked = false;
      this.onPressure?.(false);
      this.flush();
    });
    stream.on("error", () => {
      // The reader went away (EPIPE): nothing more can be delivered.
      this.closed = true;
      this.blocked = false; // no drain will come: idle() must not wait for one
      this.queue = [];
      this.queuedLength = 0;
      // Reading must go on, or stdin's end (and so the exit) is never seen.
      this.onPressure?.(false);
      this.notifyIdle();
    });
  }

  /** Characters waiting to go out: queued here plus buffered in the stream. */
  get backlog(): number {
    return this.queuedLength + this.stream.writableLength;
  }

  readonly send = (line: string): void => {
    if (this.closed) return;
    this.queuedLength += line.length;
    this.queue.push(line);
    if (!this.scheduled && !this.blocked) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  };

  /**
   * Queues a line that must not share a read with the lines written before
   * it: those go out now, and this one in a write of its own once
   * ANSWER_APART_MS have passed since the last write, so a reader that is
   * busy as the first write lands still reads them apart. A call whose last
   * progress went out that long ago is answered at once; the others wait the
   * rest of the gap, instead of a round trip the client may never answer.
   */
  readonly sendApart = (line: string): void => {
    if (this.closed) return;
    this.flush();
    void this.idle().then(() => {
      const wait = answerWait(this.lastWriteAt);
      if (wait === 0) this.send(line);
      else setTimeout(() => this.send(line), wait);
    });
  };

  readonly flush = (): void => {
    this.scheduled = false;
    if (this.blocked || this.closed || this.queue.length === 0) {
      if (this.queue.length === 0) this.notifyIdle();
      return;
    }
    const chunk = this.queue.length === 1 ? this.queue[0]! : this.queue.join("");
    this.queue = [];
    this.queuedLength = 0;
    this.lastWriteAt = performance.now();
    this.blocked = !this.write(chunk, () => {});
    this.onPressure?.(this.blocked);
    if (!this.blocked) this.notifyIdle();
  };

  /** Resolves once everything queued has been handed to the stream. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.blocked) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIdle(): void {
    if (this.queue.length > 0 || this.blocked) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
