// Answers shaped by the negotiated protocol version: content types and
// fields a version lacks are not sent to it; batches only where they exist.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { MCP_HEADERS, startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { FIXTURES } from "../helpers/paths.js";
import { openSession } from "../helpers/sse-reader.js";

let server: RunningHttpServer;

beforeAll(async () => {
  const { serverPath } = await buildFixture(join(FIXTURES, "versions", "tools.ts"), "http-versions");
  server = await startHttpServer(serverPath);
});

afterAll(async () => {
  await server?.stop();
});

type Json = Record<string, any>;

async function call(headers: Record<string, string>, method: string, params: Json = {}, id = 1): Promise<Json> {
  const response = await fetch(server.url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id, method, params }) });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

async function session(version: string): Promise<{ headers: Record<string, string>; tools: Json[]; media: Json; measured: Json }> {
  const headers = await openSession(server.url, version);
  const tools = (await call(headers, "tools/list")).result.tools as Json[];
  const media = (await call(headers, "tools/call", { name: "mixed_media", arguments: {} })).result;
  const measured = (await call(headers, "tools/call", { name: "measure", arguments: { word: "mcpc" } })).result;
  return { headers, tools, media, measured };
}

describe("answers by negotiated version", () => {
  it("2025-11-25 gets everything: audio, resource_link, structuredContent, outputSchema, title, icons", async () => {
    const { tools, media, measured } = await session("2025-11-25");
    expect(media.content.map((b: Json) => b.type)).toEqual(["text", "audio", "resource_link"]);
    expect(measured.structuredContent).toEqual({ length: 4 });
    const mixed = tools.find((t) => t.name === "mixed_media")!;
    expect(mixed.title).toBe("Mixed media");
    expect(mixed.icons).toEqual([{ src: "https://example.com/icon.png", mimeType: "image/png", sizes: ["48x48"] }]);
    expect(tools.find((t) => t.name === "measure")!.outputSchema).toBeDefined();
  });

  it("2025-06-18 gets resource_link and structured output, but no icons", async () => {
    const { tools, media, measured } = await session("2025-06-18");
    expect(media.content.map((b: Json) => b.type)).toEqual(["text", "audio", "resource_link"]);
    expect(measured.structuredContent).toEqual({ length: 4 });
    const mixed = tools.find((t) => t.name === "mixed_media")!;
    expect(mixed.title).toBe("Mixed media");
    expect(mixed.icons).toBeUndefined();
  });

  it("2025-03-26 gets audio, a resource link as text, no structuredContent/outputSchema/title", async () => {
    const { tools, media, measured } = await session("2025-03-26");
    expect(media.content.map((b: Json) => b.type)).toEqual(["text", "audio", "text"]);
    expect(media.content[2].text).toBe("[resource link: report <file:///report.pdf> (application/pdf, the monthly report)]");
    expect(measured.structuredContent).toBeUndefined();
    expect(JSON.parse(measured.content[0].text)).toEqual({ length: 4 });
    for (const tool of tools) {
      expect(tool.title).toBeUndefined();
      expect(tool.outputSchema).toBeUndefined();
      expect(tool.icons).toBeUndefined();
    }
    // ToolAnnotations (2025-03-26) has its own title hint: it stays.
    expect(tools.find((t) => t.name === "mixed_media")!.annotations).toEqual({ title: "Mixed media", readOnlyHint: true });
  });

  it("2024-11-05 gets audio as text too, and no tool annotations", async () => {
    const { tools, media } = await session("2024-11-05");
    expect(media.content.map((b: Json) => b.type)).toEqual(["text", "text", "text"]);
    expect(media.content[1].text).toMatch(/^\[audio \(audio\/wav\) of \d+ bytes not shown: protocol version 2024-11-05 has no audio content\]$/);
    expect(tools.find((t) => t.name === "mixed_media")!.annotations).toBeUndefined();
  });

  it("shapes initialize's serverInfo too (no title before 2025-06-18)", async () => {
    const init = async (protocolVersion: string) =>
      (await (
        await fetch(server.url, {
          method: "POST",
          headers: MCP_HEADERS,
          body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion, capabilities: {}, clientInfo: { name: "raw", version: "1" } } }),
        })
      ).json()) as Json;
    const old = await init("2024-11-05");
    expect(old.result.protocolVersion).toBe("2024-11-05");
    expect(Object.keys(old.result.serverInfo).sort()).toEqual(["name", "version"]);
  });
});

describe("batches", () => {
  const batch = JSON.stringify([
    { jsonrpc: "2.0", id: 1, method: "ping" },
    { jsonrpc: "2.0", id: 2, method: "tools/list" },
  ]);

  it("are refused with a JSON-RPC error on sessions that negotiated 2025-06-18 or later", async () => {
    for (const version of ["2025-11-25", "2025-06-18"]) {
      const headers = await openSession(server.url, version);
      const response = await fetch(server.url, { method: "POST", headers, body: batch });
      expect(response.status, version).toBe(400);
      const body = (await response.json()) as Json;
      expect(body.error.code).toBe(-32600);
      expect(body.error.message).toContain("no JSON-RPC batches");
    }
  });

  it("are answered on 2025-03-26 sessions", async () => {
    const headers = await openSession(server.url, "2025-03-26");
    const response = await fetch(server.url, { method: "POST", headers, body: batch });
    expect(response.status).toBe(200);
    const answers = (await response.json()) as Json[];
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
  });
});
