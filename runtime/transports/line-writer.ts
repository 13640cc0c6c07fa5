import type { Writable } from "node:stream";

/** The gap between a call's last notifications and its answer (see sendApart). */
export const ANSWER_APART_MS = 50;

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

  constructor(
    private readonly write: (chunk: string, callback: (error?: Error | null) => void) => boolean,
    private readonly stream: Writable,
    /** Told after each write whether the stream is applying backpressure, so a reader can stop taking requests. */
    private readonly onPressure?: (blocked: boolean) => void,
  ) {
    stream.on("drain", () => {
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
   * it: those go out now, and this one in a write of its own a few
   * milliseconds after they have been handed to the stream, so a reader that
   * is busy as the first write lands still reads them apart. Costs that gap
   * once per call that reported progress, instead of a round trip the client
   * may never answer.
   */
  readonly sendApart = (line: string): void => {
    if (this.closed) return;
    this.flush();
    void this.idle().then(() => setTimeout(() => this.send(line), ANSWER_APART_MS));
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
