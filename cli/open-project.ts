import type { ParsedCommandLine } from "./arguments.js";
import type { CliEnvironment } from "./command.js";
import { resolveProject, type ProjectSetup } from "./project.js";
import { chooseFormat, DiagnosticPrinter } from "./report.js";

export interface OpenedProject {
  printer: DiagnosticPrinter;
  setup: ProjectSetup;
}

/**
 * How every command that compiles the project starts: the printer for the
 * chosen format, and the compile options from flags over configuration.
 * Undefined after printing configuration errors (the command exits 2).
 */
export function openProject(args: ParsedCommandLine, cli: CliEnvironment): OpenedProject | undefined {
  const printer = new DiagnosticPrinter(cli, chooseFormat(args.options, cli));
  const setup = resolveProject(args.positionals, args.options, cli.cwd);
  if (setup.diagnostics.length > 0) {
    printer.print(setup.diagnostics);
    return undefined;
  }
  return { printer, setup };
}
