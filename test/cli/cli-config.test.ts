// Project configuration (package.json "mcpc" key or mcpc.config.json), flags overriding it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";
import { connectStdio } from "../helpers/stdio-client.js";

const TOOLS = `/** Fails the way a real tool might. */
export function explode(): string {
  throw new Error("disk on fire");
}
`;

const pkg = (extra: object) => JSON.stringify({ name: "configured", version: "2.0.0", type: "module", ...extra }, null, 2);

describe("configuration", () => {
  it("reads entry, outDir and name from package.json's mcpc key; flags override", async () => {
    const dir = tempProject("config-pkg", { "src/tools.ts": TOOLS, "package.json": pkg({ mcpc: { entry: "src/tools.ts", outDir: "out/mcp", name: "from-config" } }) });
    const run = runCli(["build"], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dir, "out/mcp/server.js"))).toBe(true);
    const server = await connectStdio(join(dir, "out/mcp/server.js"));
    try {
      expect(server.client.getServerVersion()).toEqual({ name: "from-config", version: "2.0.0" });
    } finally {
      await server.close();
    }
    expect(runCli(["build", "--out", "elsewhere", "--name", "from-flag"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "elsewhere/server.js"), "utf8")).toContain('name: "from-flag"');
  });

  it("bakes error masking and timeouts from mcpc.config.json into the server", async () => {
    const dir = tempProject("config-file", { "src/tools.ts": TOOLS, "mcpc.config.json": JSON.stringify({ entry: ["src/tools.ts"], exposeErrors: true, timeoutMs: 1234 }) });
    expect(runCli(["build"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "mcp-server/server.js"), "utf8")).toMatch(/defaults: \{\n\s+exposeErrors: true,\n\s+defaultTimeoutMs: 1234,\n\s+\}/);
    const exposed = await connectStdio(join(dir, "mcp-server/server.js"));
    try {
      const result = await exposed.client.callTool({ name: "explode", arguments: {} });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain("disk on fire");
    } finally {
      await exposed.close();
    }
    // The default masks the message.
    const plain = tempProject("config-none", { "src/tools.ts": TOOLS });
    expect(runCli(["build", "src/tools.ts"], plain).status).toBe(0);
    const masked = await connectStdio(join(plain, "mcp-server/server.js"));
    try {
      const result = await masked.client.callTool({ name: "explode", arguments: {} });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).not.toContain("disk on fire");
    } finally {
      await masked.close();
    }
  });

  it("rejects unknown keys with exit 2 and a located diagnostic", () => {
    const dir = tempProject("config-unknown", { "src/tools.ts": TOOLS, "package.json": pkg({ mcpc: { entry: "src/tools.ts", outdir: "x" } }) });
    const run = runCli(["build", "--format", "json"], dir);
    expect(run.status).toBe(2);
    const d = JSON.parse(run.stdout.trim().split("\n")[0]!);
    expect(d).toMatchObject({ code: "MCPC3002", file: "package.json", line: 7, message: "Unknown configuration key 'outdir'." });
    expect(d.hint).toContain("outDir");
    expect(existsSync(join(dir, "mcp-server"))).toBe(false);
  });

  it("rejects wrong values, unreadable files and configuration in two places", () => {
    const wrong = tempProject("config-wrong", { "src/tools.ts": TOOLS, "mcpc.config.json": JSON.stringify({ timeoutMs: "soon", transport: { type: "carrier-pigeon" } }) });
    const run = runCli(["check", "src/tools.ts"], wrong);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("MCPC3003: Configuration key 'timeoutMs' must be a whole number ≥ 0; got \"soon\".");
    expect(run.stderr).toContain("'transport.type' must be \"stdio\" or \"http\"");

    const broken = tempProject("config-broken", { "src/tools.ts": TOOLS, "mcpc.config.json": "{ entry: " });
    const brokenRun = runCli(["check", "src/tools.ts"], broken);
    expect(brokenRun.status).toBe(2);
    expect(brokenRun.stderr).toContain("MCPC3001");

    const twice = tempProject("config-twice", { "src/tools.ts": TOOLS, "mcpc.config.json": "{}", "package.json": pkg({ mcpc: {} }) });
    const twiceRun = runCli(["check", "src/tools.ts"], twice);
    expect(twiceRun.status).toBe(2);
    expect(twiceRun.stderr).toContain("MCPC3004");
  });
});
