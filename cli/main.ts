// `mcpc <command>`: finds the command, parses its options, runs it. Exit
// status 2 for bad usage; each command decides 0 (clean) or 1 (problems).
import { readFileSync } from "node:fs";
import { parseCommandLine, UsageError } from "./arguments.js";
import { didYouMean } from "../compiler/index.js";
import { EXIT_USAGE, type CliEnvironment, type Command } from "./command.js";

interface CommandEntry {
  name: string;
  /** One line for `mcpc --help`. */
  summary: string;
  /**
   * The command's module, loaded only once it is chosen: each one pulls in what
   * it alone runs (the emitter, esbuild, the zip writer, the HTTP proxy, the
   * JSONC editor), which a `check` would otherwise load and never call.
   */
  load(): Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  { name: "build", summary: "compile and write the server", load: async () => (await import("./commands/build.js")).build },
  { name: "check", summary: "report problems, write nothing (the CI gate)", load: async () => (await import("./commands/check.js")).check },
  {
    name: "diff",
    summary: "breaking vs compatible contract changes between two versions",
    load: async () => (await import("./commands/diff.js")).diff,
  },
  {
    name: "list",
    summary: "the tools and their parameters, as a table or the exact tools/list payload",
    load: async () => (await import("./commands/list.js")).list,
  },
  {
    name: "init",
    summary: "create a ready project: tools, tsconfig, scripts and a passing test",
    load: async () => (await import("./commands/init.js")).init,
  },
  {
    name: "config",
    summary: "the entry that connects a client to this server (print, or --write to merge)",
    load: async () => (await import("./commands/config.js")).config,
  },
  {
    name: "bundle",
    summary: "an MCP Bundle (.mcpb) for one-click install in Claude Desktop",
    load: async () => (await import("./commands/bundle.js")).bundle,
  },
  {
    name: "dev",
    summary: "build, serve over HTTP on localhost, rebuild and restart on change (sessions survive)",
    load: async () => (await import("./commands/dev.js")).dev,
  },
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `mcpc: compile exported TypeScript functions into an MCP server.

Usage: mcpc <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run 'mcpc <command> --help' for a command's options and examples.
Options: --help, --version

Examples:
  mcpc build src/tools.ts
  mcpc check --format github`;
}

export async function main(argv: string[], cli: CliEnvironment = processEnvironment()): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? COMMANDS.find((c) => c.name === argv[1]) : undefined;
    cli.out(`${topic === undefined ? mainHelp() : (await topic.load()).help}\n`);
    return 0;
  }
  if (first === "--version" || first === "-v") {
    cli.out(`${readVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === first);
  if (entry === undefined) {
    const problem = first.startsWith("-") ? `unknown option '${first}'` : `unknown command '${first}'${didYouMean(first, COMMANDS.map((c) => c.name))}`;
    cli.err(`mcpc: ${problem}\n\n${mainHelp()}\n`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  let args;
  try {
    args = parseCommandLine(argv.slice(1), command.options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    cli.err(`mcpc ${command.name}: ${error.message}\n\n${command.help}\n`);
    return EXIT_USAGE;
  }
  if (args.options.help === true) {
    cli.out(`${command.help}\n`);
    return 0;
  }
  if (args.options.version === true) {
    cli.out(`${readVersion()}\n`);
    return 0;
  }
  try {
    return await command.run(args, cli);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    cli.err(`mcpc ${command.name}: ${error.message}\n\n${command.help}\n`);
    return EXIT_USAGE;
  }
}

function processEnvironment(): CliEnvironment {
  return {
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
