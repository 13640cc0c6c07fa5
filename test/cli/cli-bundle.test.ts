// `mcpc bundle`: the .mcpb is accepted by Anthropic's mcpb tool and runs on its own, outside this checkout.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";
import { connectStdio } from "../helpers/stdio-client.js";

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

      // Outside the checkout: mcpc's runtime and Ajv are inside the bundled server.js.
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

  it("copies assets with their modes, stores a symbolic link as its target, and packs a large file whole", () => {
    const dir = tempProject("bundle-files", {
      "package.json": JSON.stringify({ name: "files", version: "1.0.0", type: "module", mcpc: { assets: ["data/**"] } }),
      "data/bin/run.sh": "#!/bin/sh\necho run\n",
      "data/real.txt": "the target\n",
    });
    copyFileSync(join(FIXTURES, "quickstart", "tools.ts"), join(dir, "tools.ts"));
    const data = join(dir, "data");
    chmodSync(join(data, "bin", "run.sh"), 0o755);
    chmodSync(join(data, "real.txt"), 0o644);
    symlinkSync("real.txt", join(data, "linked.txt"));
    symlinkSync("bin", join(data, "linked-dir"));
    symlinkSync("..", join(data, "bin", "up")); // a loop: not followed

    // Random bytes do not compress: several 64 KiB chunks reach the archive as they are.
    const large = randomBytes(700 * 1024 + 123);
    writeFileSync(join(data, "large.bin"), large);

    const run = runCli(["bundle", "tools.ts", "--output", "files.mcpb"], dir);
    expect(run.status, run.stderr).toBe(0);
    const unpacked = mkdtempSync(join(tmpdir(), "mcpc-bundle-files-"));
    try {
      const unpack = mcpb(["unpack", join(dir, "files.mcpb"), unpacked]);
      expect(unpack.status, unpack.stderr).toBe(0);
      // tools.ts sits in the project's root, so app/ mirrors the project: data/ lands in app/data/.
      const packed = join(unpacked, "server", "app", "data");
      expect(statSync(join(packed, "bin", "run.sh")).mode & 0o777).toBe(0o755);
      expect(statSync(join(packed, "real.txt")).mode & 0o777).toBe(0o644);
      expect(statSync(join(unpacked, "server", "server.js")).mode & 0o777).toBe(0o644);
      expect(readFileSync(join(packed, "linked.txt"), "utf8")).toBe("the target\n");
      expect(readFileSync(join(packed, "linked-dir", "run.sh"), "utf8")).toBe("#!/bin/sh\necho run\n");
      expect(readFileSync(join(packed, "large.bin")).equals(large)).toBe(true);
      expect(existsSync(join(packed, "bin", "up"))).toBe(false);
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  });

  it("refuses an asset that is a symbolic link to nothing instead of leaving it out", () => {
    const dir = tempProject("bundle-dangling", {
      "package.json": JSON.stringify({ name: "dangling", version: "1.0.0", type: "module", mcpc: { assets: ["data/*.txt"] } }),
      "data/kept.txt": "kept\n",
    });
    copyFileSync(join(FIXTURES, "quickstart", "tools.ts"), join(dir, "tools.ts"));
    symlinkSync("gone.txt", join(dir, "data", "dangling.txt"));
    const run = runCli(["bundle", "tools.ts", "--output", "x.mcpb"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("MCPC5007");
    expect(run.stderr).toContain("data/dangling.txt");
    expect(existsSync(join(dir, "x.mcpb"))).toBe(false);
  });

  it("fails with diagnostics on a broken entry and writes no bundle", () => {
    const dir = tempProject("bundle-broken", { "tools.ts": "/** X. */ export function x(a) { return a; }" });
    const run = runCli(["bundle", "tools.ts", "--output", "x.mcpb"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("MCPC1001");
    expect(existsSync(join(dir, "x.mcpb"))).toBe(false);
  });
});
