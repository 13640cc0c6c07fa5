// Resumable Streamable HTTP streams: event ids, priming only for clients that
// can resume, GET + Last-Event-ID replaying what a cut stream missed, bounds.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReplayBuffer } from "../../runtime/transports/replay-buffer.js";
import { buildFixture } from "../helpers/build-fixture.js";
import { MCP_HEADERS, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";
import { SseReader, countSlowly, messagesOf, openSession, type SseEvent } from "../helpers/sse-reader.js";

let serverPath: string;
let server: RunningHttpServer;

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "http", "tools.ts"), "http-resume")).serverPath;
  server = await startHttpServer(serverPath, ["--keep-alive", "0"]);
});

afterAll(async () => {
  await server?.stop();
});

function resume(url: string, headers: Record<string, string>, lastEventId: string): Promise<Response> {
  const { "content-type": _, ...rest } = headers;
  return fetch(url, { method: "GET", headers: { ...rest, accept: "text/event-stream", "last-event-id": lastEventId } });
}

const progressOf = (events: SseEvent[]): number[] =>
  messagesOf(events)
    .filter((m) => m.method === "notifications/progress")
    .map((m) => (m.params as { progress: number }).progress);

describe("priming", () => {
  it("primes a 2025-11-25 client's SSE answer with an id and empty data, and ids every event", async () => {
    const headers = await openSession(server.url, "2025-11-25");
    const events = await new SseReader(await countSlowly(server.url, headers, 2, 0)).rest();
    expect(events[0]).toEqual({ id: "1.0", event: "priming", data: "" });
    expect(events.slice(1).map((e) => e.id)).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5"]);
    expect(messagesOf(events).at(-1)).toMatchObject({ id: 7, result: { content: [{ text: "counted to 2" }] } });
  });

  it("sends no priming event to clients before 2025-11-25 (they read empty data as bad JSON)", async () => {
    for (const version of ["2025-06-18", "2025-03-26", "2024-11-05"]) {
      const headers = await openSession(server.url, version);
      const events = await new SseReader(await countSlowly(server.url, headers, 2, 0)).rest();
      expect(events.every((e) => e.data !== ""), version).toBe(true);
      expect(events).toHaveLength(5);
    }
  });

  it("sends neither priming nor ids when nothing is kept to resume from", async () => {
    const plain = await startHttpServer(serverPath, ["--replay-events", "0"]);
    const stateless = await startHttpServer(serverPath, ["--stateless"]);
    try {
      for (const s of [plain, stateless]) {
        const headers = await openSession(s.url, "2025-11-25");
        const events = await new SseReader(await countSlowly(s.url, headers, 2, 0)).rest();
        expect(events.every((e) => e.data !== "" && e.id === undefined)).toBe(true);
      }
    } finally {
      await plain.stop();
      await stateless.stop();
    }
  });
});

describe("resuming with Last-Event-ID", () => {
  it("replays what a cut POST stream missed, then continues it to the result", async () => {
    const headers = await openSession(server.url, "2025-11-25");
    const first = new SseReader(await countSlowly(server.url, headers, 8, 60));
    const seen: SseEvent[] = [];
    while (progressOf(seen).length < 2) seen.push((await first.next())!);
    await first.cut();
    // Events go on while the client is away.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const resumed = await resume(server.url, headers, seen.at(-1)!.id!);
    expect(resumed.status).toBe(200);
    const rest = await new SseReader(resumed).rest();
    expect([...progressOf(seen), ...progressOf(rest)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(messagesOf(rest).at(-1)).toMatchObject({ id: 7, result: { content: [{ text: "counted to 8" }] } });
    const ids = [...seen, ...rest].filter((e) => e.data !== "").map((e) => Number(e.id!.split(".")[1]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
  });

  it("replays the event written as the connection broke (the client never read it)", async () => {
    const headers = await openSession(server.url, "2025-11-25");
    const first = new SseReader(await countSlowly(server.url, headers, 3, 50));
    const seen: SseEvent[] = [];
    while (progressOf(seen).length < 2) seen.push((await first.next())!);
    await first.cut();
    // Pretend progress 2 was lost on the wire: resume from the event before it.
    const beforeLost = seen[seen.length - 2]!.id!;
    const rest = await new SseReader(await resume(server.url, headers, beforeLost)).rest();
    expect(progressOf(rest)).toEqual([2, 3]);
  });

  it("replays a stream that already ended, and ends the response", async () => {
    const headers = await openSession(server.url, "2025-11-25");
    const first = new SseReader(await countSlowly(server.url, headers, 2, 0));
    const all = await first.rest();
    const rest = await new SseReader(await resume(server.url, headers, all[1]!.id!)).rest();
    expect(messagesOf(rest).map((m) => m.method ?? "result")).toEqual(messagesOf(all).slice(1).map((m) => m.method ?? "result"));
  });

  it("resumes the GET stream without a conflict, and refuses ids it never gave", async () => {
    const headers = await openSession(server.url, "2025-11-25");
    const { "content-type": _, ...getHeaders } = headers;
    const get = await fetch(server.url, { headers: { ...getHeaders, accept: "text/event-stream" } });
    const standalone = new SseReader(get);
    const priming = (await standalone.next())!;
    expect(priming.data).toBe("");
    await standalone.cut();
    const again = await resume(server.url, headers, priming.id!);
    expect(again.status).toBe(200);
    await again.body?.cancel();
    expect((await resume(server.url, headers, "99.1")).status).toBe(400);
    expect((await resume(server.url, headers, "not-ours")).status).toBe(400);
    expect((await resume(server.url, { ...headers, "mcp-session-id": "00000000-0000-0000-0000-000000000000" }, "1.1")).status).toBe(404);
  });
});

describe("the replay buffer", () => {
  it("keeps at most maxEvents events, oldest out first", () => {
    const buffer = new ReplayBuffer({ maxEvents: 3, maxBytes: 1000 });
    for (let seq = 1; seq <= 5; seq++) buffer.record(1, seq, `line ${seq}`);
    expect(buffer.size).toBe(3);
    expect(buffer.after(1, 0).map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it("keeps at most maxBytes bytes, and skips an event larger than the whole budget", () => {
    const buffer = new ReplayBuffer({ maxEvents: 100, maxBytes: 20 });
    buffer.record(1, 1, "x".repeat(8));
    buffer.record(2, 1, "y".repeat(8));
    buffer.record(1, 2, "z".repeat(8));
    expect(buffer.byteSize).toBeLessThanOrEqual(20);
    expect(buffer.after(1, 0).map((e) => e.seq)).toEqual([2]);
    expect(buffer.after(2, 0).map((e) => e.seq)).toEqual([1]);
    buffer.record(3, 1, "w".repeat(21));
    expect(buffer.after(3, 0)).toEqual([]);
  });

  it("replays only the named stream's events", () => {
    const buffer = new ReplayBuffer({ maxEvents: 10, maxBytes: 1000 });
    buffer.record(1, 1, "a");
    buffer.record(2, 1, "b");
    buffer.record(1, 2, "c");
    expect(buffer.after(1, 1)).toEqual([{ seq: 2, line: "c" }]);
  });
});
