// bin/mcpc.js loads the CLI from dist/mcpc-cli.cjs, the one file `npm run build` bundles
// (scripts/bundle-cli.js), and must behave exactly as the modules in dist/ it was made of:
// same output files byte for byte (validators.cjs carries functions as their source text),
// same diagnostics, same files from `init` (which reads mcpc's package.json beside itself).
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";
import { ROOT } from "../helpers/paths.js";
import { readTree } from "../helpers/read-tree.js";

const MODULES = { MCPC_NO_BUNDLE: "1" };

const TOOLS = `import { ToolError } from "mcpc/runtime";

/**
 * Adds tags to an order.
 * @param tags distinct tags
 */
export function tag(order: { id: string; when: Date }, tags: string[] = []): string {
  if (tags.length > 10) throw new ToolError("too many tags");
  return order.id + tags.join(",");
}

/** A resource. @resource config://settings */
export function settings(): string {
  return "{}";
}
`;

describe("the bundled CLI", () => {
  it("is what bin/mcpc.js loads after npm run build", () => {
    const bundle = statSync(join(ROOT, "dist", "mcpc-cli.cjs"));
    expect(bundle.mtimeMs).toBeGreaterThanOrEqual(statSync(join(ROOT, "dist", "cli", "main.js")).mtimeMs);
    const run = runCli(["--version"], ROOT, { NODE_DEBUG: "module" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`load "${join(ROOT, "dist", "mcpc-cli.cjs")}"`);
    const modules = runCli(["--version"], ROOT, { ...MODULES, NODE_DEBUG: "module" });
    expect(modules.stdout).toBe(run.stdout);
    expect(modules.stderr).not.toContain("mcpc-cli.cjs");
  });

  it("writes the same server, byte for byte, as the modules in dist/", () => {
    const dir = tempProject("bundled-cli-build", { "tools.ts": TOOLS });
    const bundled = runCli(["build", "tools.ts", "--client", "--out", "out-bundled"], dir);
    expect(bundled.status, bundled.stderr).toBe(0);
    const modules = runCli(["build", "tools.ts", "--client", "--out", "out-modules"], dir, MODULES);
    expect(modules.status, modules.stderr).toBe(0);
    const files = readTree(join(dir, "out-bundled"));
    expect(files["validators.cjs"]).toContain("function duplicateItems(items) {\n    const lastIndexOf = new Map();");
    expect(files).toEqual(readTree(join(dir, "out-modules")));
  });

  it("reports the same diagnostics as the modules in dist/", () => {
    const dir = tempProject("bundled-cli-check", { "tools.ts": `export function f(x: symbol): void {}\nexport function g(cb: () => void): void {}\n` });
    const bundled = runCli(["check", "tools.ts", "--format", "json"], dir);
    const modules = runCli(["check", "tools.ts", "--format", "json"], dir, MODULES);
    expect(bundled.status).toBe(1);
    expect(bundled.stdout).toMatch(/MCPC1\d{3}/);
    expect([bundled.status, bundled.stdout, bundled.stderr]).toEqual([modules.status, modules.stdout, modules.stderr]);
  });

  it("creates the same project with init (mcpc's own package.json found beside the modules)", () => {
    const parent = tempProject("bundled-cli-init", {});
    const bundled = runCli(["init", "alpha"], parent);
    expect(bundled.status, bundled.stderr).toBe(0);
    const modules = runCli(["init", "bravo"], parent, MODULES);
    expect(modules.status, modules.stderr).toBe(0);
    const one = JSON.stringify(readTree(join(parent, "alpha"))).replaceAll("alpha", "NAME");
    const two = JSON.stringify(readTree(join(parent, "bravo"))).replaceAll("bravo", "NAME");
    expect(one).toBe(two);
    rmSync(parent, { recursive: true, force: true });
  });
});
