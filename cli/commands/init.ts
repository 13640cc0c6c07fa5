import { createDiagnostic, Messages } from "../../compiler/index.js";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { stringOption, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { DiagnosticPrinter } from "../report.js";

export const init: Command = {
  name: "init",
  options: { mcpc: "string", name: "string" },
  help: `Usage: mcpc init [dir] [options]

Creates a project in dir (default: the current directory): package.json with
build and test scripts (each runs 'mcpc build' first; the build script
with --verify, which starts the server and checks it), tsconfig.json,
src/tools.ts with two example tools and test/tools.test.ts, which calls them
through an in-memory client (mcpc/testing). In an existing project it adds
only what is missing (files, package.json scripts and dependencies) and says
what it left as it was: it never overwrites.

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
    // In an existing project: add what is missing, keep every file and value that is there.
    const skipped: string[] = [];
    const created: string[] = [];
    for (const [path, text] of Object.entries(files)) {
      const target = join(dir, path);
      if (path === "package.json" && existsSync(target)) {
        const merged = mergePackageJson(target, JSON.parse(text) as PackageJson);
        if (merged === undefined) skipped.push(path);
        else {
          skipped.push(...merged.kept.map((key) => `${path} (${key})`));
          if (merged.added.length > 0) created.push(`${path} (${merged.added.join(", ")})`);
        }
        continue;
      }
      if (existsSync(target)) {
        skipped.push(path);
        continue;
      }
      mkdirSync(join(target, ".."), { recursive: true });
      writeFileSync(target, text);
      created.push(path);
    }
    new DiagnosticPrinter(cli, "plain").print(skipped.map((f) => createDiagnostic(Messages.InitWouldOverwrite, { file: f }, { path: join(dir, f.split(" ")[0]!) })));
    const where = relative(cli.cwd, dir);
    cli.out(`${created.length === 0 ? "Nothing to add" : `Added ${created.join(", ")}`}${where ? ` in ${where}` : ""}.

Next:
${where ? `  cd ${where}\n` : ""}  npm install
  npm test                 # builds the server, then calls the tools in-memory
  npm run build            # mcp-server/server.js, ready for a client
  npx mcpc config claude-desktop   # the entry for your client's configuration
`);
    return EXIT_OK;
  },
};

type PackageJson = Record<string, unknown>;

/** The sections of package.json init fills in, one key at a time. */
const MERGED_SECTIONS = ["scripts", "dependencies", "devDependencies", "mcpc"] as const;

/**
 * Adds the template's keys that package.json lacks (type, scripts, dependencies,
 * the mcpc configuration) and keeps every value already there, different or not.
 * Undefined when the file is not a JSON object (then it is left alone).
 */
function mergePackageJson(file: string, template: PackageJson): { added: string[]; kept: string[] } | undefined {
  let current: PackageJson;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    current = parsed as PackageJson;
  } catch {
    return undefined;
  }
  const added: string[] = [];
  const kept: string[] = [];
  if (current.type === undefined) {
    current.type = template.type;
    added.push("type");
  } else if (current.type !== template.type) kept.push("type");
  for (const section of MERGED_SECTIONS) {
    const wanted = template[section] as Record<string, unknown>;
    const have = current[section];
    if (have !== undefined && (typeof have !== "object" || have === null || Array.isArray(have))) {
      kept.push(section);
      continue;
    }
    const into = { ...((have as Record<string, unknown> | undefined) ?? {}) };
    for (const [key, value] of Object.entries(wanted)) {
      if (!(key in into)) {
        into[key] = value;
        added.push(`${section}.${key}`);
      } else if (JSON.stringify(into[key]) !== JSON.stringify(value)) kept.push(`${section}.${key}`);
    }
    current[section] = into;
  }
  if (added.length > 0) writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
  return { added, kept };
}

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
    optionalDependencies?: Record<string, string>;
  };
  return pkg.devDependencies?.[dependency] ?? pkg.dependencies?.[dependency] ?? pkg.optionalDependencies?.[dependency] ?? "*";
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
        // process.env and the other Node globals: TypeScript 6 loads no @types unless told (see tsconfig "types").
        "@types/node": devVersion("@types/node"),
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
        types: ["node"],
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
