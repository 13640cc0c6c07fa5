// Two instances sharing a Redis event store: a stream that instance A writes
// is resumed through instance B (as behind a load balancer that does not stick).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";
import { startRedis, type RunningRedis } from "../helpers/redis-server.js";
import { SseReader, countSlowly, messagesOf, openSession, type SseEvent } from "../helpers/sse-reader.js";

let redis: RunningRedis;
let a: RunningHttpServer;
let b: RunningHttpServer;

beforeAll(async () => {
  const { serverPath } = await buildFixture(join(FIXTURES, "http", "tools.ts"), "http-event-store");
  redis = await startRedis();
  [a, b] = await Promise.all([startHttpServer(serverPath, ["--event-store", redis.url]), startHttpServer(serverPath, ["--event-store", redis.url])]);
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await redis?.stop();
});

const progressOf = (events: SseEvent[]): number[] =>
  messagesOf(events)
    .filter((m) => m.method === "notifications/progress")
    .map((m) => (m.params as { progress: number }).progress);

function resumeAt(url: string, headers: Record<string, string>, lastEventId: string): Promise<Response> {
  return fetch(url, {
    headers: { accept: "text/event-stream", "mcp-session-id": headers["mcp-session-id"]!, "mcp-protocol-version": headers["mcp-protocol-version"]!, "last-event-id": lastEventId },
  });
}

describe("a Redis event store shared by two instances", () => {
  it("lets instance B continue a stream that instance A is writing, to the result, with nothing lost", async () => {
    const headers = await openSession(a.url, "2025-11-25");
    const first = new SseReader(await countSlowly(a.url, headers, 8, 80));
    const seen: SseEvent[] = [];
    while (progressOf(seen).length < 2) seen.push((await first.next())!);
    await first.cut();
    // Resume from the event before the last one read: it is replayed from Redis too.
    const resumed = await resumeAt(b.url, headers, seen.at(-2)!.id!);
    expect(resumed.status).toBe(200);
    const rest = await new SseReader(resumed).rest();
    expect(progressOf(rest)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(messagesOf(rest).at(-1)).toMatchObject({ id: 7, result: { content: [{ text: "counted to 8" }] } });
  });

  it("answers 404 on B for a stream the store does not hold", async () => {
    const headers = await openSession(a.url, "2025-11-25");
    expect((await resumeAt(b.url, headers, "42.1")).status).toBe(404);
  });

  it("refuses to start without the store it was given", async () => {
    const { serverPath } = { serverPath: a.process.spawnargs[1]! };
    await expect(startHttpServer(serverPath, ["--event-store", "memcached://127.0.0.1:1"])).rejects.toThrow(/unsupported store/);
  });
});
