import { describeCounts } from "./counts.js";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { analyze, build, DEFAULT_OUT_DIR, type CompileOptions } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatDiagnostic, summary } from "../diagnostics/format.js";
import { parseArguments, UsageError, type ParsedArguments } from "./arguments.js";

const HELP: Record<string, string> = {
  main: `mcpc: compile exported TypeScript functions into an MCP server.

Usage:
  mcpc build <entry.ts...> [--out <dir>]   compile and write the server
  mcpc check <entry.ts...>                 report problems, write nothing (for CI)

Run 'mcpc <command> --help' for a command's options.
Options: --help, --version`,
  build: `Usage: mcpc build <entry.ts...> [options]

Compiles every exported function of the entry files into a tool and writes
a stdio MCP server: <out>/server.js, manifest.json, schemas/, validators.

Options:
  --out <dir>             output directory (default: ${DEFAULT_OUT_DIR})
  --tsconfig <file>       tsconfig.json to use (default: the nearest one)
  --name <name>           server name (default: package.json name)
  --server-version <v>    server version (default: package.json version)
  --pretty / --no-pretty  code frames and colours (default: on a terminal)

Examples:
  mcpc build src/tools.ts
  mcpc build src/tools.ts --out dist/mcp
  node mcp-server/server.js`,
  check: `Usage: mcpc check <entry.ts...> [options]

Runs the same analysis as build and writes nothing. Exits 1 if there is any
error: use it as a CI gate.

Options:
  --tsconfig <file>       tsconfig.json to use (default: the nearest one)
  --pretty / --no-pretty  code frames and colours (default: on a terminal)

Examples:
  mcpc check src/tools.ts`,
};

export async function main(argv: string[]): Promise<number> {
  let args: ParsedArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mcpc: ${error.message}\n\n${HELP.main}\n`);
    return 2;
  }
  if (args.flags.version) {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  if (args.command === undefined || args.flags.help) {
    process.stdout.write(`${HELP[args.command ?? "main"] ?? HELP.main}\n`);
    return 0;
  }
  if (args.entries.length === 0) {
    process.stderr.write(`mcpc ${args.command}: no entry file given.\n\n${HELP[args.command]}\n`);
    return 2;
  }
  const cwd = process.cwd();
  const options: CompileOptions = { entries: args.entries, cwd };
  if (args.flags.out !== undefined) options.outDir = args.flags.out;
  if (args.flags.tsconfig !== undefined) options.tsconfig = args.flags.tsconfig;
  if (args.flags.name !== undefined) options.name = args.flags.name;
  if (args.flags.serverVersion !== undefined) options.version = args.flags.serverVersion;
  const pretty = args.flags.pretty ?? Boolean(process.stdout.isTTY);
  const colors = pretty && process.env.NO_COLOR === undefined;
  const started = performance.now();

  if (args.command === "check") {
    const result = analyze(options);
    return report(result.diagnostics, { cwd, pretty, colors }, () => `${describeCounts(result)} checked.`);
  }
  const result = await build(options);
  return report(result.diagnostics, { cwd, pretty, colors }, () => {
    const ms = Math.round(performance.now() - started);
    return `Built ${describeCounts(result)} into ${relative(cwd, result.outDir) || "."} in ${ms} ms.`;
  });
}

function report(diagnostics: Diagnostic[], format: { cwd: string; pretty: boolean; colors: boolean }, success: () => string): number {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d, format)}\n`);
  if (errors > 0) {
    process.stderr.write(`\n${summary(errors, warnings)}\n`);
    return 1;
  }
  process.stdout.write(`${success()}\n`);
  return 0;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
