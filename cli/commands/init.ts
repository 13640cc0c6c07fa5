import { createDiagnostic, Messages } from "../../compiler/index.js";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { stringOption, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { DiagnosticPrinter } from "../report.js";

export const init: Command = {
  name: "init",
  summary: "create a ready project: tools, tsconfig, scripts and a passing test",
  options: { mcpc: "string", name: "string" },
  help: `Usage: mcpc init [dir] [options]

Creates a project in dir (default: the current directory): package.json with
build and test scripts (each runs 'mcpc build' first; the build script
with --verify, which starts the server and checks it), tsconfig.json,
src/tools.ts with two example tools and test/tools.test.ts, which calls them
through an in-memory client (mcpc/testing). Never overwrites a file.

Options:
  --name <name>           package name (default: the directory's name)
  --mcpc <spec>           the dependency spec for mcpc (default: ^${ownVersion()})

Examples:
  mcpc init my-server && cd my-server && npm install && npm test
  mcpc init . --name weather-tools`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    if (args.positionals.length > 1) {
      cli.err(`mcpc init: give at most one directory.\n\n${init.help}\n`);
      return EXIT_USAGE;
    }
    const dir = resolve(cli.cwd, args.positionals[0] ?? ".");
    const name = stringOption(args.options, "name") ?? packageName(basename(dir));
    const files = projectFiles(name, stringOption(args.options, "mcpc") ?? `^${ownVersion()}`);
    const existing = Object.keys(files).filter((f) => existsSync(join(dir, f)));
    if (existing.length > 0) {
      new DiagnosticPrinter(cli, "plain").print(existing.map((f) => createDiagnostic(Messages.InitWouldOverwrite, { file: join(dir, f) }, { path: join(dir, f) })));
      return EXIT_USAGE;
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const where = relative(cli.cwd, dir);
    cli.out(`Created ${Object.keys(files).join(", ")}${where ? ` in ${where}` : ""}.

Next:
${where ? `  cd ${where}\n` : ""}  npm install
  npm test                 # builds the server, then calls the tools in-memory
  npm run build            # mcp-server/server.js, ready for a client
  npx mcpc config claude-desktop   # the entry for your client's configuration
`);
    return EXIT_OK;
  },
};

function packageName(dirName: string): string {
  const cleaned = dirName.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+|-+$/g, "");
  return cleaned || "mcp-server";
}

function ownVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/** The versions mcpc itself is built and tested with. */
function devVersion(dependency: string): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return pkg.devDependencies?.[dependency] ?? pkg.dependencies?.[dependency] ?? "*";
}

function projectFiles(name: string, mcpcSpec: string): Record<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    "package.json": json({
      name,
      version: "0.1.0",
      private: true,
      type: "module",
      scripts: {
        prebuild: "mcpc build --verify",
        build: "tsc --noEmit",
        pretest: "mcpc build",
        test: "vitest run",
        start: "node mcp-server/server.js",
      },
      mcpc: { entry: "src/tools.ts", outDir: "mcp-server" },
      dependencies: { mcpc: mcpcSpec },
      devDependencies: {
        "@modelcontextprotocol/sdk": devVersion("@modelcontextprotocol/sdk"),
        typescript: devVersion("typescript"),
        vitest: devVersion("vitest"),
      },
    }),
    "tsconfig.json": json({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ["src", "test"],
    }),
    ".gitignore": "node_modules/\nmcp-server/\n",
    "src/tools.ts": `// Every exported function is a tool: its JSDoc is what the model reads,
// its parameter types become the input schema that mcpc validates.
import { ToolError } from "mcpc/runtime";

/**
 * Greet someone by name.
 * @param name Who to greet.
 * @param excited End with an exclamation mark instead of a full stop.
 */
export function greet(name: string, excited: boolean = false): string {
  return \`Hello, \${name}\${excited ? "!" : "."}\`;
}

/**
 * Split a bill evenly, in cents, and say what is left over.
 * @param totalCents The whole bill, in cents.
 * @param people How many people share it.
 */
export function split_bill(totalCents: number, people: number): { each: number; remainder: number } {
  if (!Number.isInteger(people) || people < 1) throw new ToolError(\`people must be a whole number of at least 1, got \${people}.\`);
  return { each: Math.floor(totalCents / people), remainder: totalCents % people };
}
`,
    "test/tools.test.ts": `// Calls the built server through the SDK's real Client, in memory.
// 'npm test' runs 'mcpc build' first (the pretest script).
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectInMemory, type InMemoryConnection } from "mcpc/testing";

let server: InMemoryConnection;

beforeAll(async () => {
  server = await connectInMemory("mcp-server");
});

afterAll(async () => {
  await server?.close();
});

it("lists both tools", async () => {
  const { tools } = await server.client.listTools();
  expect(tools.map((t) => t.name)).toEqual(["greet", "split_bill"]);
});

it("greets", async () => {
  const result = await server.client.callTool({ name: "greet", arguments: { name: "Ada", excited: true } });
  expect(result.content).toEqual([{ type: "text", text: "Hello, Ada!" }]);
});

it("splits a bill into structured content", async () => {
  const result = await server.client.callTool({ name: "split_bill", arguments: { totalCents: 1000, people: 3 } });
  expect(result.structuredContent).toEqual({ each: 333, remainder: 1 });
});

it("reports a ToolError to the model", async () => {
  const result = await server.client.callTool({ name: "split_bill", arguments: { totalCents: 1000, people: 0 } });
  expect(result.isError).toBe(true);
});
`,
  };
}
