// The shared event store on Redis: each logical stream is a Redis stream
// (`mcpc:events:<session>:<n>`) whose entry ids are the event's own sequence
// number (`0-<seq>`), so an SSE event id maps to a Redis position with no
// lookup. The instance running a call appends; any instance that receives
// the client's GET with Last-Event-ID reads from that position and blocks
// for more, until the end marker. Bounded by MAXLEN per stream and by a TTL
// refreshed on each write (the session idle timeout).
import type { EventStore, FollowOutcome } from "./event-store.js";

const makeClient = (redis: typeof import("redis"), url: string) => redis.createClient({ url });
type Client = ReturnType<typeof makeClient>;

export interface RedisEventStoreOptions {
  /** Most events kept per stream. */
  maxEvents: number;
  /** How long a stream's events outlive its last write. */
  ttlMs: number;
  log: (message: string) => void;
}

/** How long one blocking read waits before checking that the stream still exists. */
const BLOCK_MS = 2000;

interface StreamEntry {
  id: string;
  message: Record<string, string>;
}

export class RedisEventStore implements EventStore {
  private failures = 0;

  private constructor(
    private readonly client: Client,
    private readonly options: RedisEventStoreOptions,
  ) {}

  static async connect(url: string, options: RedisEventStoreOptions): Promise<RedisEventStore> {
    // Imported here, not at the top: a bundled server keeps 'redis' outside
    // the bundle and loads it only when a shared store is asked for.
    const client = makeClient(await import("redis"), url);
    client.on("error", (error: Error) => options.log(`mcpc: event store: ${error.message}`));
    await client.connect();
    return new RedisEventStore(client, options);
  }

  private key(sessionId: string, stream: number): string {
    return `mcpc:events:${sessionId}:${stream}`;
  }

  append(sessionId: string, stream: number, seq: number, line: string): void {
    const key = this.key(sessionId, stream);
    // One connection keeps the order of commands, so a stream's events land in send order.
    this.client
      .xAdd(key, `0-${seq}`, { line }, { TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: this.options.maxEvents } })
      .catch((error: Error) => this.failed(error));
    this.client.pExpire(key, this.options.ttlMs).catch((error: Error) => this.failed(error));
  }

  end(sessionId: string, stream: number, lastSeq: number): void {
    const key = this.key(sessionId, stream);
    this.client.xAdd(key, `0-${lastSeq + 1}`, { end: "1" }).catch((error: Error) => this.failed(error));
    this.client.pExpire(key, this.options.ttlMs).catch((error: Error) => this.failed(error));
  }

  async has(sessionId: string, stream: number): Promise<boolean> {
    return (await this.client.exists(this.key(sessionId, stream))) > 0;
  }

  async follow(sessionId: string, stream: number, afterSeq: number, send: (seq: number, line: string) => void, signal: AbortSignal): Promise<FollowOutcome> {
    const key = this.key(sessionId, stream);
    // A blocking read holds its connection: each follower gets its own, closed when it stops.
    const reader = this.client.duplicate();
    reader.on("error", () => undefined);
    await reader.connect();
    const stop = (): void => reader.destroy();
    signal.addEventListener("abort", stop, { once: true });
    let position = `0-${afterSeq}`;
    try {
      while (!signal.aborted) {
        const reply = (await reader.xRead({ key, id: position }, { BLOCK: BLOCK_MS, COUNT: 100 })) as unknown as { messages: StreamEntry[] }[] | null;
        if (reply === null || reply.length === 0) {
          if (!(await reader.exists(key))) return "unknown";
          continue;
        }
        for (const entry of reply[0]!.messages) {
          position = entry.id;
          if (entry.message.end !== undefined) return "ended";
          send(Number(entry.id.slice(entry.id.indexOf("-") + 1)), entry.message.line ?? "");
        }
      }
      return "stopped";
    } catch (error) {
      if (signal.aborted) return "stopped";
      throw error;
    } finally {
      signal.removeEventListener("abort", stop);
      if (!signal.aborted) await reader.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }

  private failed(error: Error): void {
    // One line per burst of failures, not one per event.
    if (this.failures++ % 1000 === 0) this.options.log(`mcpc: event store: writing an event failed: ${error.message}`);
  }
}
