// `mcpc <command>`: finds the command, parses its options, runs it. Exit
// status 2 for bad usage; each command decides 0 (clean) or 1 (problems).
import { readFileSync } from "node:fs";
import { parseCommandLine, UsageError } from "./arguments.js";
import { didYouMean } from "../compiler/index.js";
import { EXIT_USAGE, type CliEnvironment, type Command } from "./command.js";
import { build } from "./commands/build.js";
import { bundle } from "./commands/bundle.js";
import { check } from "./commands/check.js";
import { config } from "./commands/config.js";
import { dev } from "./commands/dev.js";
import { diff } from "./commands/diff.js";
import { init } from "./commands/init.js";
import { list } from "./commands/list.js";

const COMMANDS: readonly Command[] = [build, check, diff, list, init, config, bundle, dev];

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
    cli.out(`${topic?.help ?? mainHelp()}\n`);
    return 0;
  }
  if (first === "--version" || first === "-v") {
    cli.out(`${readVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (command === undefined) {
    const problem = first.startsWith("-") ? `unknown option '${first}'` : `unknown command '${first}'${didYouMean(first, COMMANDS.map((c) => c.name))}`;
    cli.err(`mcpc: ${problem}\n\n${mainHelp()}\n`);
    return EXIT_USAGE;
  }
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
