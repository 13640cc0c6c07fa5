// `mcpc build --watch`: rebuilds after an edit, survives an error, recovers after the fix.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempProject } from "../helpers/cli.js";
import { CLI } from "../helpers/paths.js";
import { waitFor } from "../helpers/wait-for.js";

const ONE = `/** Says hi. */\nexport function hi(): string { return "hi"; }\n`;
const TWO = `${ONE}/** Says bye. */\nexport function bye(): string { return "bye"; }\n`;
const BROKEN = `${TWO}/** Broken. */\nexport function broken(x) { return x; }\n`;

describe("mcpc build --watch", () => {
  it("rebuilds on change, keeps running through an error, and recovers", async () => {
    const dir = tempProject("watch", { "src/tools.ts": ONE });
    const child = spawn(process.execPath, [CLI, "build", "src/tools.ts", "--watch"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const manifestTools = () => JSON.parse(readFileSync(join(dir, "mcp-server", "manifest.json"), "utf8")).tools.map((t: { name: string }) => t.name);
    try {
      await waitFor(() => expect(stdout).toMatch(/\[\d\d:\d\d:\d\d\] Built 1 tool\(s\) into mcp-server in \d+ ms\. Watching for changes\./), 60_000, 100);
      expect(manifestTools()).toEqual(["hi"]);

      writeFileSync(join(dir, "src/tools.ts"), TWO);
      await waitFor(() => expect(stdout).toContain("Built 2 tool(s)"), 60_000, 100);
      expect(manifestTools()).toEqual(["hi", "bye"]);

      writeFileSync(join(dir, "src/tools.ts"), BROKEN);
      await waitFor(() => expect(stdout).toMatch(/Found \d+ errors? in \d+ ms; the last good output stays/), 60_000, 100);
      expect(stderr).toContain("MCPC1001");
      expect(manifestTools()).toEqual(["hi", "bye"]);
      expect(child.exitCode).toBeNull();

      // The fix rebuilds, and a description edit rewrites only the files it changes.
      const untouched = ["validators.cjs", "schemas/hi.input.json", "server.js"].map((f) => join(dir, "mcp-server", f));
      const stamps = () => untouched.map((f) => `${statSync(f).ino}:${statSync(f).mtimeMs}`);
      const before = stdout.length;
      const stampsBefore = stamps();
      writeFileSync(join(dir, "src/tools.ts"), TWO.replace("Says bye.", "Says goodbye."));
      await waitFor(() => expect(stdout.slice(before)).toContain("Built 2 tool(s)"), 60_000, 100);
      expect(JSON.parse(readFileSync(join(dir, "mcp-server", "manifest.json"), "utf8")).tools[1].description).toBe("Says goodbye.");
      expect(stamps()).toEqual(stampsBefore);
      // What the watch session wrote, piece by piece, is what a cold build writes.
      expect(spawnSync(process.execPath, [CLI, "build", "src/tools.ts", "--out", "cold"], { cwd: dir }).status).toBe(0);
      const tree = (root: string) => Object.fromEntries(readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name).slice(root.length), readFileSync(join(e.parentPath, e.name), "utf8")]));
      expect(tree(join(dir, "mcp-server"))).toEqual(tree(join(dir, "cold")));
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    expect(child.exitCode).toBe(0);
  });
});
