// A bundle is a server that runs on its own: a project outside this checkout (no node_modules above
// it, mcpc not installed in it) whose tools use a run-time dependency, a devDependency that depends
// on another version of that same package, and a file read at run time, bundled, unpacked elsewhere,
// answers every tool. And a server that cannot start fails the build instead of shipping.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/paths.js";
import { connectStdio } from "../helpers/stdio-client.js";

const MCPB = join(ROOT, "node_modules", "@anthropic-ai", "mcpb", "dist", "cli", "cli.js");
const TSCONFIG = JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, types: ["node"] } });
const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project in the system's temporary directory, far from this checkout's node_modules. */
function project(name: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), `mcpc-standalone-${name}-`));
  made.push(dir);
  for (const [path, text] of Object.entries({ "tsconfig.json": TSCONFIG, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // Node's types, for the type check only: the bundle takes nothing from here.
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"), "dir");
  return dir;
}

function hasNodeModulesAbove(dir: string): boolean {
  for (let up = dirname(dir); ; up = dirname(up)) {
    if (existsSync(join(up, "node_modules"))) return true;
    if (dirname(up) === up) return false;
  }
}

const TOOLS = `import { readFileSync } from "node:fs";
import { greet, version } from "greeter";
import { shout } from "shouter";

/** Greets someone through the run-time dependency. */
export function hello(name: string): string {
  return \`\${greet(name)} (greeter \${version})\`;
}

/** Shouts through the devDependency, which brings its own greeter. */
export function loud(name: string): string {
  return shout(name);
}

/** Reads the file shipped beside this module. */
export function motto(): string {
  return readFileSync(new URL("./data/motto.txt", import.meta.url), "utf8").trim();
}
`;

describe("a standalone bundle", () => {
  it("boots from where it is unpacked and answers every tool; mcpb validates its manifest", { timeout: 90_000 }, async () => {
    const dir = project("ok", {
      "package.json": JSON.stringify({
        name: "standalone-demo",
        version: "2.0.0",
        description: "A bundle that carries its dependencies",
        author: "Ada Lovelace",
        type: "module",
        dependencies: { greeter: "1.0.0" },
        devDependencies: { shouter: "1.0.0" },
        mcpc: { assets: ["src/data/*.txt"] },
      }),
      "src/tools.ts": TOOLS,
      "src/data/motto.txt": "carry everything\n",
      // greeter 1: the project's own, CommonJS.
      "node_modules/greeter/package.json": JSON.stringify({ name: "greeter", version: "1.0.0", main: "index.js", types: "index.d.ts" }),
      "node_modules/greeter/index.js": 'exports.version = "1"; exports.greet = (name) => "Hello, " + name;\n',
      "node_modules/greeter/index.d.ts": "export declare const version: string;\nexport declare function greet(name: string): string;\n",
      // shouter (a devDependency) depends on greeter 2, an ES module nested under it.
      "node_modules/shouter/package.json": JSON.stringify({ name: "shouter", version: "1.0.0", type: "module", exports: { ".": { types: "./index.d.ts", default: "./index.js" } } }),
      "node_modules/shouter/index.js": 'import { greet, version } from "greeter";\nexport const shout = (name) => greet(name).toUpperCase() + "! (greeter " + version + ")";\n',
      "node_modules/shouter/index.d.ts": "export declare function shout(name: string): string;\n",
      "node_modules/shouter/node_modules/greeter/package.json": JSON.stringify({ name: "greeter", version: "2.0.0", type: "module", exports: "./index.js" }),
      "node_modules/shouter/node_modules/greeter/index.js": 'export const version = "2";\nexport const greet = (name) => "Hey " + name;\n',
    });
    expect(hasNodeModulesAbove(dir)).toBe(false);

    const run = runCli(["bundle", "src/tools.ts", "--output", "demo.mcpb"], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Bundled 3 tool\(s\) into demo\.mcpb .*started and verified/);
    // Nothing of the bundling is left beside the project.
    expect(readdirSync(dir).sort()).toEqual(["demo.mcpb", "node_modules", "package.json", "src", "tsconfig.json"]);

    const unpacked = mkdtempSync(join(tmpdir(), "mcpc-standalone-unpacked-"));
    made.push(unpacked);
    for (const [path, content] of Object.entries(unzipSync(readFileSync(join(dir, "demo.mcpb"))))) {
      mkdirSync(dirname(join(unpacked, path)), { recursive: true });
      writeFileSync(join(unpacked, path), content);
    }
    // No node_modules travels: everything the server imports is inside server.js.
    expect(existsSync(join(unpacked, "node_modules"))).toBe(false);
    expect(existsSync(join(unpacked, "server", "app", "data", "motto.txt"))).toBe(true);
    // The modules (and their source maps) are inside server.js: app/ keeps only the asset.
    expect(readdirSync(join(unpacked, "server", "app")).sort()).toEqual(["data"]);
    expect(hasNodeModulesAbove(join(unpacked, "server"))).toBe(false);

    const validate = spawnSync(process.execPath, [MCPB, "validate", join(unpacked, "manifest.json")], { encoding: "utf8", timeout: 60_000 });
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout).toContain("Manifest schema validation passes!");

    // The project is gone: the bundle must not reach back into it.
    rmSync(dir, { recursive: true, force: true });
    const server = await connectStdio(join(unpacked, "server", "server.js"));
    try {
      expect((await server.client.listTools()).tools.map((t) => t.name)).toEqual(["hello", "loud", "motto"]);
      const text = async (name: string, args: Record<string, unknown>) => {
        const result = await server.client.callTool({ name, arguments: args });
        expect(result.isError, JSON.stringify(result)).toBeFalsy();
        return (result.content as Array<{ text: string }>)[0]!.text;
      };
      expect(await text("hello", { name: "Ada" })).toBe("Hello, Ada (greeter 1)");
      expect(await text("loud", { name: "Ada" })).toBe("HEY ADA! (greeter 2)");
      expect(await text("motto", {})).toBe("carry everything");
    } finally {
      await server.close();
    }
  });

  it("fails the build with the server's stderr when it cannot start, and bundles nothing", { timeout: 60_000 }, () => {
    const dir = project("broken", {
      "package.json": JSON.stringify({ name: "broken", version: "1.0.0", type: "module" }),
      "src/tools.ts": `throw new Error("no database configured");

/** Never reached. */
export function ping(): string {
  return "pong";
}
`,
    });
    const built = runCli(["build", "src/tools.ts", "--bundle", "--verify"], dir);
    expect(built.status).toBe(1);
    expect(built.stderr).toContain("MCPC5005");
    expect(built.stderr).toContain("Error: no database configured");
    expect(built.stdout).not.toContain("Built");

    const bundled = runCli(["bundle", "src/tools.ts", "--output", "broken.mcpb"], dir);
    expect(bundled.status).toBe(1);
    expect(bundled.stderr).toContain("MCPC5005");
    expect(bundled.stderr).toContain("Error: no database configured");
    expect(bundled.stdout).not.toContain("Bundled");
    expect(readdirSync(dir).filter((name) => name.endsWith(".mcpb") || name.includes(".partial-") || name.includes(".mcpc-"))).toEqual([]);
  });
});
