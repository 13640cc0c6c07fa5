// The Web-standard entry of emitted servers: server.js exports
// `fetch(request) => Response`. Run on Bun (a runtime that is not Node, from
// the npm registry) with Bun.serve, driven by the SDK's real Client.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { INITIALIZE_BODY, MCP_HEADERS } from "../helpers/http-server.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";

const BUN = join(ROOT, "node_modules", ".bin", "bun");
let bun: ChildProcess;
let url: string;
let serverPath: string;

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "http", "tools.ts"), "fetch-entry")).serverPath;
  const entry = join(dirname(serverPath), "bun-entry.js");
  writeFileSync(
    entry,
    [
      `import { fetch as handle } from "./server.js";`,
      `const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handle });`,
      `console.log("runtime bun " + Bun.version + " listening on " + new URL("/mcp", server.url).href);`,
      "",
    ].join("\n"),
  );
  bun = spawn(BUN, [entry], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  url = await new Promise<string>((resolve, reject) => {
    bun.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    bun.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    bun.once("exit", (code) => reject(new Error(`bun exited (${code}):\n${output}`)));
  });
  expect(output).toMatch(/^runtime bun \d+\.\d+/);
}, 60_000);

afterAll(() => {
  bun?.kill("SIGTERM");
});

describe("the fetch export on Bun", () => {
  it("serves the SDK client: list, calls, a streamed call with progress", async () => {
    const client = new Client({ name: "on-bun", version: "1" });
    const errors: unknown[] = [];
    client.onerror = (e) => errors.push(e);
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain("count_slowly");
    const sum = await client.callTool({ name: "add", arguments: { a: 20, b: 22 } });
    expect(sum.structuredContent).toEqual({ result: 42 });
    const progress: number[] = [];
    const counted = await client.callTool({ name: "count_slowly", arguments: { steps: 3, delayMs: 10 } }, undefined, { onprogress: (p) => progress.push(p.progress) });
    expect((counted.content as { text: string }[])[0]!.text).toBe("counted to 3");
    expect(progress).toEqual([1, 2, 3]);
    const masked = await client.callTool({ name: "explode", arguments: {} });
    expect(JSON.stringify(masked)).not.toContain("hunter2");
    await client.close();
    expect(errors).toEqual([]);
  });

  it("is stateless: no session id, GET is 405, a foreign Origin is 403", async () => {
    const init = await fetch(url, { method: "POST", headers: MCP_HEADERS, body: INITIALIZE_BODY });
    expect(init.status).toBe(200);
    expect(init.headers.get("mcp-session-id")).toBeNull();
    expect(((await init.json()) as { result: { protocolVersion: string } }).result.protocolVersion).toBe("2025-11-25");
    expect((await fetch(url, { headers: { accept: "text/event-stream" } })).status).toBe(405);
    expect((await fetch(url, { method: "POST", headers: { ...MCP_HEADERS, origin: "https://evil.example" }, body: INITIALIZE_BODY })).status).toBe(403);
  });

  it("does not start a stdio server when imported (node server.js still does)", async () => {
    // Bun kept its stdin open and answered over HTTP above; a stdio server would also have read stdin and
    // answered this line on stdout.
    let stdout = "";
    bun.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    bun.stdin!.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" })}\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stdout).toBe("");
  });
});
