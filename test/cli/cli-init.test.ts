// `mcpc init` then `npm test` inside the new project: the project passes its own test straight away.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { CLI, OUT, ROOT } from "../helpers/paths.js";

/** The outer test run's own npm and vitest settings must not leak into the project's npm test. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !k.startsWith("npm_") && k !== "NODE_OPTIONS"));
}

function npm(args: string[], cwd: string) {
  return spawnSync("npm", args, { cwd, env: cleanEnv(), encoding: "utf8", timeout: 120_000 });
}

describe("mcpc init", () => {
  it("creates a project whose npm test builds the server and passes", { timeout: 120_000 }, () => {
    const parent = join(OUT, "tmp-init");
    rmSync(parent, { recursive: true, force: true });
    mkdirSync(parent, { recursive: true });
    const created = runCli(["init", "weather", "--mcpc", `file:${relative(join(parent, "weather"), ROOT)}`], parent);
    expect(created.status, created.stderr).toBe(0);
    const dir = join(parent, "weather");
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect(pkg.name).toBe("weather");
    expect(pkg.scripts.prebuild).toBe("mcpc build --verify");
    expect(pkg.dependencies.mcpc).toBe("file:../../..");
    for (const file of ["tsconfig.json", "src/tools.ts", "test/tools.test.ts", ".gitignore"]) expect(existsSync(join(dir, file)), file).toBe(true);

    // Offline stand-in for `npm install`: mcpc as the file: dependency would link it; the
    // other dev dependencies resolve from this checkout's node_modules (an ancestor directory).
    mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
    symlinkSync(relative(join(dir, "node_modules"), ROOT), join(dir, "node_modules", "mcpc"), "dir");
    symlinkSync(relative(join(dir, "node_modules", ".bin"), CLI), join(dir, "node_modules", ".bin", "mcpc"));

    // Node's globals type-check in the template, under mcpc's TypeScript 6 and the project's tsc.
    appendFileSync(join(dir, "src", "tools.ts"), `\nexport const region: string = process.env.REGION ?? "eu";\n`);

    const test = npm(["test"], dir);
    expect(test.status, `${test.stdout}\n${test.stderr}`).toBe(0);
    expect(test.stdout).toContain("Built 2 tool(s) into mcp-server");
    expect(test.stdout.replace(/\u001b\[[0-9;]*m/g, "")).toMatch(/Tests\s+4 passed \(4\)/);

    const build = npm(["run", "build"], dir);
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
  });

  it("run again, adds only what is missing and overwrites nothing", () => {
    const dir = join(OUT, "tmp-init-existing");
    rmSync(dir, { recursive: true, force: true });
    expect(runCli(["init", dir], ROOT).status).toBe(0);
    writeFileSync(join(dir, "src", "tools.ts"), "// mine\n");
    rmSync(join(dir, ".gitignore"));
    const again = runCli(["init", dir], ROOT);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("warning MCPC3008");
    expect(again.stderr).toContain("src/tools.ts' already exists");
    expect(again.stdout).toContain("Added .gitignore");
    expect(readFileSync(join(dir, "src", "tools.ts"), "utf8")).toBe("// mine\n");
  });
});
