import { analyze, clientWarnings, KNOWN_CLIENTS } from "../../compiler/index.js";
import { listOption, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { ANALYSIS_OPTIONS, ANALYSIS_OPTIONS_HELP } from "../project.js";
import { describeCounts } from "../counts.js";
import { openProject } from "../open-project.js";
import { FORMAT_OPTIONS, FORMAT_OPTIONS_HELP, hasErrors } from "../report.js";


export const check: Command = {
  name: "check",
  options: { ...ANALYSIS_OPTIONS, ...FORMAT_OPTIONS, clients: "list" },
  help: `Usage: mcpc check [entry.ts...] [options]

Runs the same analysis as build and writes nothing.
Exit status: 0 no errors, 1 errors found, 2 bad usage or configuration.

Options:
${FORMAT_OPTIONS_HELP}
  --clients <a,b,...>     also warn about schema constructs these clients reject
                          or mangle (${KNOWN_CLIENTS.join(", ")}, or all)
${ANALYSIS_OPTIONS_HELP}

Examples:
  mcpc check src/tools.ts
  mcpc check --format github            # in a GitHub Actions step
  mcpc check --format json | jq .code
  mcpc check --clients openai,gemini`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    const opened = openProject(args, cli);
    if (opened === undefined) return EXIT_USAGE;
    const { printer, setup } = opened;
    const clients = listOption(args.options, "clients") ?? setup.config.clients ?? [];
    const unknown = clients.filter((c) => c !== "all" && !KNOWN_CLIENTS.includes(c));
    if (unknown.length > 0) {
      cli.err(`mcpc check: unknown client '${unknown[0]}'; known: ${KNOWN_CLIENTS.join(", ")}, all\n`);
      return EXIT_USAGE;
    }
    const result = analyze(setup.options);
    const diagnostics = [...result.diagnostics];
    if (clients.length > 0 && !hasErrors(diagnostics)) diagnostics.push(...clientWarnings(result.tools, clients.includes("all") ? KNOWN_CLIENTS : clients));
    printer.print(diagnostics);
    printer.summarize(diagnostics);
    if (hasErrors(diagnostics)) return EXIT_PROBLEMS;
    printer.success(`${describeCounts(result)} checked.`);
    return EXIT_OK;
  },
};
