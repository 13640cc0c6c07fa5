// `mcpc config <client>`: the printed entry starts the server; --write merges without losing the user's entries.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";

const TOOLS = `/** Says hi. */\nexport function hi(): string { return "hi"; }\n`;

describe("mcpc config", () => {
  it("prints an entry with absolute paths that a client can start as is", async () => {
    const dir = tempProject("client-config-print", { "src/tools.ts": TOOLS, "mcpc.config.json": JSON.stringify({ entry: "src/tools.ts", name: "greeter" }) });
    expect(runCli(["build"], dir).status).toBe(0);
    const run = runCli(["config", "claude-desktop"], dir);
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout);
    const entry = printed.mcpServers.greeter;
    expect(entry).toEqual({ command: process.execPath, args: [join(dir, "mcp-server", "server.js")] });
    // Start it the way a client does, from somewhere else and with a bare PATH.
    const transport = new StdioClientTransport({ command: entry.command, args: entry.args, cwd: "/", env: { PATH: "/nonexistent" }, stderr: "ignore" });
    const client = new Client({ name: "config-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["hi"]);
    } finally {
      await client.close();
    }
  });

  it("--write merges into Claude Desktop's file, keeping other entries and a backup", () => {
    const dir = tempProject("client-config-write", { "src/tools.ts": TOOLS });
    const home = join(dir, "home");
    const file = join(home, ".config", "Claude", "claude_desktop_config.json");
    mkdirSync(join(file, ".."), { recursive: true });
    const original = JSON.stringify({ globalShortcut: "Ctrl+Space", mcpServers: { filesystem: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"] } } }, null, 2);
    writeFileSync(file, original);
    const run = runCli(["config", "claude-desktop", "--write"], dir, { HOME: home, XDG_CONFIG_HOME: undefined });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Added 'client-config-write' in ${file}`);
    const merged = JSON.parse(readFileSync(file, "utf8"));
    expect(merged.globalShortcut).toBe("Ctrl+Space");
    expect(merged.mcpServers.filesystem).toEqual(JSON.parse(original).mcpServers.filesystem);
    expect(merged.mcpServers["client-config-write"]).toEqual({ command: process.execPath, args: [join(dir, "mcp-server", "server.js")] });
    expect(readFileSync(`${file}.bak`, "utf8")).toBe(original);
    // Writing again replaces our entry, and still keeps the others.
    const again = runCli(["config", "claude-desktop", "--write", "--out", "dist/mcp"], dir, { HOME: home, XDG_CONFIG_HOME: undefined });
    expect(again.stdout).toContain("Updated 'client-config-write'");
    const twice = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(twice.mcpServers)).toEqual(["filesystem", "client-config-write"]);
    expect(twice.mcpServers["client-config-write"].args).toEqual([join(dir, "dist", "mcp", "server.js")]);
  });

  it("writes VS Code's workspace file with its own shape, creating it when absent", () => {
    const dir = tempProject("client-config-vscode", { "src/tools.ts": TOOLS });
    const run = runCli(["config", "vscode", "--write", "--name", "mine"], dir);
    expect(run.status, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, ".vscode", "mcp.json"), "utf8"));
    // A committed file: no machine paths, the server's path in VS Code's ${workspaceFolder} form.
    expect(written).toEqual({ servers: { mine: { type: "stdio", command: "node", args: ["${workspaceFolder}/mcp-server/server.js"] } } });
    expect(existsSync(join(dir, ".vscode", "mcp.json.bak"))).toBe(false);
    expect(run.stderr).toContain("does not exist yet; run 'mcpc build'");
  });

  it("refuses to touch a malformed file, and exits 2 on an unknown client", () => {
    const dir = tempProject("client-config-bad", { "src/tools.ts": TOOLS, ".cursor/mcp.json": "{ not json" });
    const run = runCli(["config", "cursor", "--write"], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("MCPC3009");
    expect(readFileSync(join(dir, ".cursor", "mcp.json"), "utf8")).toBe("{ not json");
    expect(runCli(["config", "netscape"], dir).status).toBe(2);
    expect(runCli(["config"], dir).status).toBe(2);
  });
});
