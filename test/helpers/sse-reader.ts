// Reads an SSE response event by event over fetch, so a test can stop (cut
// the connection) after any event and see exactly what arrived.

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export class SseReader {
  private buffer = "";
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  readonly events: SseEvent[] = [];
  done = false;

  constructor(response: Response) {
    this.reader = response.body!.getReader();
  }

  /** The next event, or undefined when the stream ended. */
  async next(): Promise<SseEvent | undefined> {
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event: SseEvent = { data: "" };
        let sawField = false;
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          sawField = true;
          if (field === "id") event.id = value;
          else if (field === "event") event.event = value;
          else if (field === "data") event.data = event.data === "" ? value : `${event.data}\n${value}`;
        }
        if (!sawField) continue;
        this.events.push(event);
        return event;
      }
      const { value, done } = await this.reader.read();
      if (done) {
        this.done = true;
        return undefined;
      }
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** Every event until the stream ends. */
  async rest(): Promise<SseEvent[]> {
    const found: SseEvent[] = [];
    for (let event = await this.next(); event !== undefined; event = await this.next()) found.push(event);
    return found;
  }

  /** Drops the connection, as a network cut would. */
  async cut(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

/** The JSON-RPC messages among events (priming events carry no data). */
export function messagesOf(events: SseEvent[]): Record<string, unknown>[] {
  return events.filter((e) => e.data !== "").map((e) => JSON.parse(e.data) as Record<string, unknown>);
}
