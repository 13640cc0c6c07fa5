// Reads an SSE response event by event over fetch, so a test can stop (cut
// the connection) after any event and see exactly what arrived.
import { expect } from "vitest";
import { MCP_HEADERS } from "./http-server.js";

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

/** Opens a session on `version` and returns the headers its requests carry. */
export async function openSession(url: string, version: string): Promise<Record<string, string>> {
  const init = await fetch(url, {
    method: "POST",
    headers: MCP_HEADERS,
    body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: version, capabilities: {}, clientInfo: { name: "raw", version: "1" } } }),
  });
  expect(init.status).toBe(200);
  await init.text();
  const headers = { ...MCP_HEADERS, "mcp-session-id": init.headers.get("mcp-session-id")!, "mcp-protocol-version": version };
  await fetch(url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }) });
  return headers;
}

export function countSlowly(url: string, headers: Record<string, string>, steps: number, delayMs: number, id = 7): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "count_slowly", arguments: { steps, delayMs }, _meta: { progressToken: "p" } } }),
  });
}
