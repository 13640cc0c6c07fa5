// `mcpc dev` end to end: served over HTTP on a stable listener, rebuilt and
// restarted on change without dropping a connected client's session.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { startAuthServer } from "../helpers/auth-server.js";
import { tempProject } from "../helpers/cli.js";
import { CLI } from "../helpers/paths.js";
import { waitFor } from "../helpers/wait-for.js";
import { freePort } from "../helpers/free-port.js";

const ONE = `/** Says hi. */\nexport function hi(): string { return "hi"; }\n`;
const TWO = `${ONE}/** Says bye. */\nexport function bye(): string { return "bye"; }\n`;

async function toolNames(url: string): Promise<string[]> {
  const client = new Client({ name: "dev-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    return (await client.listTools()).tools.map((t) => t.name);
  } finally {
    await client.close();
  }
}

interface Dev {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything dev printed so far. */
  stdout: () => string;
  stderr: () => string;
}

/**
 * `mcpc dev … --port N` on a port that was free a moment ago, once it says
 * it is serving. Another process can take the port in between: dev then
 * says so and stops, and it is started again on another. Any other early
 * stop fails at once with what dev printed, not after the wait runs out.
 */
async function startDev(dir: string, args: string[]): Promise<Dev> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, "dev", ...args, "--port", String(port)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    const url = `http://127.0.0.1:${port}/mcp`;
    // 'close' comes after the output is all read, so what dev said is there to look at.
    let closed = false;
    child.once("close", () => (closed = true));
    const outcome = await waitFor(() => {
      if (closed) return "stopped";
      expect(stdout).toContain(`Serving at ${url}`);
      return "serving";
    }, 60_000, 100).catch((error: unknown) => {
      child.kill("SIGTERM");
      throw error;
    });
    if (outcome === "serving") return { child, port, url, stdout: () => stdout, stderr: () => stderr };
    if (attempt < 3 && stderr.includes("EADDRINUSE")) continue;
    throw new Error(`mcpc dev stopped before serving (exit ${child.exitCode}):\n${stderr}${stdout}`);
  }
}

async function stopDev(dev: Dev): Promise<void> {
  if (dev.child.exitCode === null && dev.child.signalCode === null) {
    const exited = new Promise((resolve) => dev.child.once("exit", resolve));
    dev.child.kill("SIGTERM");
    await exited;
  }
}

describe("mcpc dev", () => {
  it("serves over HTTP, restarts on change on the same port, and leaves nothing behind", async () => {
    const dir = tempProject("dev", { "src/tools.ts": ONE });
    const dev = await startDev(dir, ["src/tools.ts"]);
    const { child, port, url } = dev;
    try {
      expect(dev.stdout()).toContain("npx @modelcontextprotocol/inspector");
      expect(await toolNames(url)).toEqual(["hi"]);
      // A client connected across the rebuild keeps its session.
      const kept = new Client({ name: "dev-test", version: "1.0.0" });
      const errors: unknown[] = [];
      kept.onerror = (e) => errors.push(e);
      const transport = new StreamableHTTPClientTransport(new URL(url));
      await kept.connect(transport);
      await kept.setLoggingLevel("warning");
      expect((await kept.listTools()).tools.map((t) => t.name)).toEqual(["hi"]);
      const sessionId = transport.sessionId;
      writeFileSync(join(dir, "src/tools.ts"), TWO);
      await waitFor(() => expect(dev.stdout().split(`Serving at ${url}`).length).toBe(3), 60_000, 100);
      expect((await kept.listTools()).tools.map((t) => t.name)).toEqual(["hi", "bye"]);
      expect(await kept.callTool({ name: "bye", arguments: {} })).toMatchObject({ content: [{ type: "text", text: "bye" }] });
      expect(transport.sessionId).toBe(sessionId);
      await kept.close();
      expect(errors.filter((e) => !/SSE stream disconnected|reconnect/i.test(String(e)))).toEqual([]);
      expect(await toolNames(url)).toEqual(["hi", "bye"]);
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    expect(child.exitCode).toBe(0);
    // The server went with it: the port is free again.
    await expect(
      new Promise<void>((resolve, reject) => {
        const probe = createServer().once("error", reject).listen(port, "127.0.0.1", () => probe.close(() => resolve()));
      }),
    ).resolves.toBeUndefined();
  });

  it("says to choose another --port when the port is busy, and shows a tool's own errors to the client, traced to its .ts line", async () => {
    // The interface vanishes from the emitted JavaScript: its lines are not the source's.
    const source = [
      "interface Detail {",
      "  text: string;",
      "}",
      "/** Fails. */",
      "export function boom(): string {",
      '  const detail: Detail = { text: "the detail a developer needs" };',
      "  throw new Error(detail.text);",
      "}",
      "",
    ].join("\n");
    const dir = tempProject("dev-busy", { "src/tools.ts": source });
    const busy = createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, "127.0.0.1", () => resolve((busy.address() as { port: number }).port)));
    const child = spawn(process.execPath, [CLI, "dev", "src/tools.ts", "--port", String(port)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    // Listened for from the start: dev gives up on a busy port at once, often before the message is read.
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout.on("data", () => undefined);
    try {
      await waitFor(() => expect(stderr).toMatch(/EADDRINUSE.*--port/), 60_000, 100);
      // It stops by itself, with the exit status for problems.
      expect(await exited).toBe(1);
    } finally {
      child.kill("SIGTERM");
      await exited;
      await new Promise((resolve) => busy.close(resolve));
    }

    const again = await startDev(dir, ["src/tools.ts"]);
    const url = again.url;
    const serverErr = () => again.stderr();
    try {
      const client = new Client({ name: "dev-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      const result = await client.callTool({ name: "boom", arguments: {} });
      await client.close();
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain("the detail a developer needs");
      // The logged stack names the line of the throw in the source, not of app/tools.js.
      await waitFor(() => expect(serverErr()).toContain("the detail a developer needs"), 10_000, 50);
      const frame = serverErr().split("\n").find((line) => /\bat .*boom\b/.test(line));
      expect(frame).toMatch(/[\\/]src[\\/]tools\.ts:7:\d+\)$/);
      expect(serverErr()).not.toContain("app/tools.js");
    } finally {
      await stopDev(again);
    }
  });

  it("serves as an OAuth resource server from the config's auth settings, at the address dev serves on", async () => {
    const as = await startAuthServer();
    const dir = tempProject("dev-auth", {
      "src/tools.ts": `/**\n * Writes.\n * @scope notes:write\n */\nexport function write(): string { return "written"; }\n`,
      "mcpc.config.json": JSON.stringify({ entry: "src/tools.ts", auth: { issuer: as.issuer, clockSkew: 5 } }),
    });
    const dev = await startDev(dir, ["--auth-algorithms", "RS256,ES256"]);
    const { port, url } = dev;
    try {
      // No --public-url anywhere: dev's own address is the resource tokens must name.
      const metadata = await fetch(`http://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp`);
      expect(await metadata.json()).toEqual({ resource: url, authorization_servers: [as.issuer], scopes_supported: ["notes:write"], bearer_methods_supported: ["header"] });
      const post = (token: string) =>
        fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${token}` },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
        });
      expect((await post(await as.sign({ sub: "dev", aud: url }))).status).toBe(200);
      expect((await post(await as.sign({ sub: "dev", aud: "https://elsewhere.example/mcp" }))).status).toBe(401);
    } finally {
      await stopDev(dev);
      await as.close();
    }
  });
});
