// `mcpc bundle`: the .mcpb is accepted by Anthropic's mcpb tool and runs on its own, outside this checkout.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "./helpers/cli.js";
import { FIXTURES, ROOT } from "./helpers/paths.js";
import { connectStdio } from "./helpers/stdio-client.js";

const MCPB = join(ROOT, "node_modules", "@anthropic-ai", "mcpb", "dist", "cli", "cli.js");

function mcpb(args: string[]) {
  return spawnSync(process.execPath, [MCPB, ...args], { encoding: "utf8", timeout: 60_000 });
}

describe("mcpc bundle", () => {
  it("packs a bundle that mcpb unpacks and validates, and that serves from anywhere", async () => {
    const dir = tempProject("bundle", {
      "package.json": JSON.stringify({ name: "@acme/quick", version: "1.4.0", description: "Quickstart tools", author: "Ada Lovelace <ada@example.com>", type: "module" }),
    });
    copyFileSync(join(FIXTURES, "quickstart", "tools.ts"), join(dir, "tools.ts"));
    const run = runCli(["bundle", "tools.ts"], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Bundled 6 tool\(s\) into quick-1\.4\.0\.mcpb/);

    const unpacked = mkdtempSync(join(tmpdir(), "mcpc-bundle-"));
    try {
      const unpack = mcpb(["unpack", join(dir, "quick-1.4.0.mcpb"), unpacked]);
      expect(unpack.status, unpack.stderr).toBe(0);
      const validate = mcpb(["validate", join(unpacked, "manifest.json")]);
      expect(validate.status, validate.stdout + validate.stderr).toBe(0);
      expect(validate.stdout).toContain("Manifest schema validation passes!");

      const manifest = JSON.parse(readFileSync(join(unpacked, "manifest.json"), "utf8"));
      expect(manifest).toMatchObject({
        name: "quick",
        version: "1.4.0",
        description: "Quickstart tools",
        author: { name: "Ada Lovelace", email: "ada@example.com" },
        server: { type: "node", entry_point: "server/server.js", mcp_config: { command: "node", args: ["${__dirname}/server/server.js"] } },
      });
      expect(manifest.tools.map((t: { name: string }) => t.name)).toEqual(["convert_temperature", "text_stats", "slugify", "add_task", "complete_task", "roll_dice"]);

      // Outside the checkout nothing resolves `mcpc` but the bundle's own node_modules.
      const server = await connectStdio(join(unpacked, "server", "server.js"));
      try {
        expect((await server.client.listTools()).tools.map((t) => t.name)).toEqual(manifest.tools.map((t: { name: string }) => t.name));
        const result = await server.client.callTool({ name: "slugify", arguments: { title: "Bundled!" } });
        expect(result.content).toEqual([{ type: "text", text: "bundled" }]);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  });

  it("fails with diagnostics on a broken entry and writes no bundle", () => {
    const dir = tempProject("bundle-broken", { "tools.ts": "/** X. */ export function x(a) { return a; }" });
    const run = runCli(["bundle", "tools.ts", "--output", "x.mcpb"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("MCPC1001");
    expect(existsSync(join(dir, "x.mcpb"))).toBe(false);
  });
});
