// Dates and URLs arrive as strings; the emitted server revives them into
// objects before calling the function, wherever they sit, and sends returned
// Dates back as ISO strings. Real server, SDK Client, stdio.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSample, sampleDir } from "../helpers/samples.js";
import { OUT } from "../helpers/paths.js";
import { connectStdio, type ConnectedClient } from "../helpers/stdio-client.js";

let server: ConnectedClient;

beforeAll(async () => {
  const built = await buildSample(sampleDir("servers", "revival"), join(OUT, "revival-e2e"));
  server = await connectStdio(built.serverPath);
});

afterAll(async () => {
  await server?.close();
});

const iso = "2026-01-02T03:04:05.000Z";

describe("Date and URL arguments", () => {
  it("become Date and URL objects at every depth before the call", async () => {
    const result = await server.client.callTool({
      name: "inspect",
      arguments: {
        when: iso,
        site: "https://example.com/path",
        meeting: { at: iso, attendees: [{ joined: iso }, { joined: null }] },
        event: { kind: "once", at: iso },
        window: [iso, iso],
        byDay: { mon: iso, tue: iso },
        tree: { name: "root", created: iso, children: [{ name: "a", created: iso, children: [] }] },
        extra: [iso],
      },
    });
    expect(result.isError).toBeFalsy();
    const date = `Date ${iso}`;
    expect(result.structuredContent).toEqual({
      when: date,
      site: "URL example.com",
      at: date,
      joined: `${date},null`,
      event: date,
      window: `${date},${date}`,
      byDay: `${date},${date}`,
      tree: `${date}[${date}[]]`,
      extra: date,
    });
  });

  it("leaves the other branch of a discriminated union alone", async () => {
    const result = await server.client.callTool({
      name: "inspect",
      arguments: { when: iso, site: "https://a.b", meeting: { at: iso, attendees: [] }, event: { kind: "every", days: 3 }, window: [iso], byDay: {}, tree: { name: "r", created: iso, children: [] } },
    });
    expect((result.structuredContent as Record<string, string>).event).toBe("every 3");
    expect((result.structuredContent as Record<string, string>).window).toBe(`Date ${iso}`);
  });

  it("revives the properties of a destructured parameter", async () => {
    const result = await server.client.callTool({
      name: "span",
      arguments: { start: iso, end: "2026-01-02T03:04:06.000Z", links: ["https://a.b/", "https://c.d/"] },
    });
    expect(result.content).toEqual([{ type: "text", text: "true true true 1000" }]);
  });

  it("refuses a string that is not a date-time before the function runs", async () => {
    const result = await server.client.callTool({ name: "tomorrow", arguments: { from: "next tuesday" } });
    expect(result.isError).toBe(true);
  });

  it("sends a returned Date as its ISO string, valid against the output schema", async () => {
    const result = await server.client.callTool({ name: "tomorrow", arguments: { from: iso } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ date: "2026-01-03T03:04:05.000Z" });
  });
});
