// A built server runs with plain node wherever it lands, with or without mcpc installed there: the
// output carries its runtime and Ajv's helpers (issue 14). Every project here lives in a temporary
// folder with no node_modules above it, so nothing resolves by accident from this repository.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { connectStdio } from "../helpers/stdio-client.js";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "bin", "mcpc.js");
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

const TOOLS = `import { ToolError } from "mcpc/runtime";

/** @maxLength 5 */
type Name = string;

/**
 * Greets someone.
 * @param name Who to greet.
 */
export function greet(name: Name): string {
  if (name === "none") throw new ToolError("None cannot be greeted.");
  return \`Hello, \${name}!\`;
}
`;

const made: string[] = [];

/** A fresh temporary folder, after checking that no folder above it holds a node_modules. */
function isolatedDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  for (let up = dirname(dir); ; up = dirname(up)) {
    expect(existsSync(join(up, "node_modules")), `${up} holds node_modules`).toBe(false);
    if (dirname(up) === up) break;
  }
  return dir;
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** initialize, tools/list and calls through the SDK's Client, the server started by plain node. */
async function expectGreeterAnswers(serverJs: string): Promise<void> {
  const { client, close, stderr } = await connectStdio(serverJs);
  try {
    expect(client.getServerVersion()?.name).toBeTruthy();
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["greet"]);
    expect(await client.callTool({ name: "greet", arguments: { name: "Ada" } })).toEqual({ content: [{ type: "text", text: "Hello, Ada!" }] });
    // ToolError from the copied runtime: its message reaches the model.
    expect(await client.callTool({ name: "greet", arguments: { name: "none" } })).toEqual({
      content: [{ type: "text", text: "None cannot be greeted." }],
      isError: true,
    });
    // maxLength runs Ajv's ucs2length helper, copied into runtime/vendor/.
    const tooLong = await client.callTool({ name: "greet", arguments: { name: "Adelaide" } });
    expect(tooLong.isError).toBe(true);
  } catch (error) {
    throw new Error(`${String(error)}\nserver stderr:\n${stderr()}`);
  } finally {
    await close();
  }
}

afterAll(async () => {
  const { rmSync } = await import("node:fs");
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe("a build in a project that has not installed mcpc", () => {
  it("(a) runs the CLI by its path, warns how to install the types, and the server answers", async () => {
    const project = isolatedDir("mcpc-bare-");
    writeFiles(project, { "src/tools.ts": TOOLS });
    const { stderr } = await run(process.execPath, [CLI, "build", "src/tools.ts"], { cwd: project });
    expect(stderr).toContain("warning MCPC2007");
    expect(stderr).toContain("npm i -D mcpc");
    const out = join(project, "mcp-server");
    expect(readFileSync(join(out, "runtime", "VERSION"), "utf8")).toBe(`mcpc ${VERSION}\n`);
    expect(readFileSync(join(out, "app", "tools.js"), "utf8")).toContain('from "../runtime/index.js"');
    expect(readdirSync(join(out, "runtime", "vendor", "ajv"))).toEqual(["LICENSE", "ucs2length.js"]);
    // Only what the validators need is vendored, and the testing module never travels.
    expect(existsSync(join(out, "runtime", "vendor", "fast-uri"))).toBe(false);
    expect(existsSync(join(out, "runtime", "testing.js"))).toBe(false);
    await expectGreeterAnswers(join(out, "server.js"));
    // jose does not travel: with --auth-issuer and no jose installed, the server stops at start-up saying what to install.
    const refused = await run(process.execPath, [join(out, "server.js"), "--http", "--port", "0", "--auth-issuer", "https://issuer.example", "--public-url", "http://127.0.0.1:1"]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain("npm i jose");
  });

  it("(b) with --out in another temporary folder, the server answers from there", async () => {
    const project = isolatedDir("mcpc-bare-");
    const elsewhere = isolatedDir("mcpc-out-");
    writeFiles(project, { "src/tools.ts": TOOLS });
    await run(process.execPath, [CLI, "build", "src/tools.ts", "--out", join(elsewhere, "server")], { cwd: project });
    await expectGreeterAnswers(join(elsewhere, "server", "server.js"));
  });

  it("(e) rewrites tsconfig paths aliases and defines __dirname and require in the ES module output", async () => {
    const project = isolatedDir("mcpc-paths-");
    writeFiles(project, {
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, module: "commonjs", paths: { "@core/*": ["./src/core/*"] } } }),
      // Node's globals, declared as @types/node would (no package is installed here).
      "src/globals.d.ts": "declare const __dirname: string;\ndeclare const require: { resolve(id: string): string };\n",
      "src/core/math.ts": "export function twice(n: number): number {\n  return n * 2;\n}\n",
      "src/tools.ts": `/// <reference path="./globals.d.ts" />
import { twice } from "@core/math";

/** Doubles a number. */
export function double(n: number): number {
  return twice(n);
}

/** Where the module runs from, and a built-in resolved through require. */
export function whereami(): string {
  return \`\${__dirname} \${require.resolve("node:path")}\`;
}
`,
    });
    await run(process.execPath, [CLI, "build", "src/tools.ts"], { cwd: project });
    const out = join(project, "mcp-server");
    expect(readFileSync(join(out, "app", "tools.js"), "utf8")).toContain('from "./core/math.js"');
    const { client, close } = await connectStdio(join(out, "server.js"));
    try {
      expect((await client.callTool({ name: "double", arguments: { n: 21 } })).structuredContent).toEqual({ result: 42 });
      expect(await client.callTool({ name: "whereami", arguments: {} })).toEqual({ content: [{ type: "text", text: `${join(out, "app")} node:path` }] });
    } finally {
      await close();
    }
  });
});

describe("the published package", () => {
  it("(c) installed without dev dependencies builds a server that runs; the runtime alone pulls no compiler", async () => {
    const packed = isolatedDir("mcpc-pack-");
    // The test command has built dist/ already; prepare would only build it again.
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", packed], { cwd: ROOT });
    const tarball = join(packed, stdout.trim().split("\n").pop()!);
    const full = isolatedDir("mcpc-full-");
    const runtimeOnly = isolatedDir("mcpc-runtime-only-");
    for (const dir of [full, runtimeOnly]) writeFiles(dir, { "package.json": JSON.stringify({ name: "user-project", version: "1.0.0", private: true, type: "module" }) });
    const install = (dir: string, extra: string[]) =>
      run("npm", ["install", tarball, "--omit=dev", ...extra, "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir });
    await Promise.all([install(full, []), install(runtimeOnly, ["--omit=optional"])]);

    writeFiles(full, { "src/tools.ts": TOOLS });
    const build = await run("npx", ["mcpc", "build", "src/tools.ts"], { cwd: full });
    // mcpc/runtime resolves from the project now: no warning.
    expect(build.stderr).not.toContain("MCPC2007");
    await expectGreeterAnswers(join(full, "mcp-server", "server.js"));

    const installed = readdirSync(join(runtimeOnly, "node_modules"));
    for (const compilerPackage of ["typescript", "ts-morph", "prettier", "recheck"]) expect(installed).not.toContain(compilerPackage);
    const imported = await run(process.execPath, ["--input-type=module", "-e", 'const m = await import("mcpc/runtime"); console.log(typeof m.ToolError);'], { cwd: runtimeOnly });
    expect(imported.stdout.trim()).toBe("function");
    // The CLI of a runtime-only install says what is missing instead of a stack trace.
    const refused = await run("npx", ["mcpc", "build", "src/tools.ts"], { cwd: runtimeOnly }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("npm i -D mcpc");
  }, 120_000);
});
