// Prints diagnostics in the format asked for. Human output goes to stderr;
// machine formats (json, github) go to stdout, where tools read them.
import { type Diagnostic, diagnosticGithub, diagnosticJson, formatDiagnostic, type OutputFormat, summary } from "../compiler/index.js";
import { choiceOption, type OptionTable, type OptionValues } from "./arguments.js";
import type { CliEnvironment } from "./command.js";

export const FORMAT_OPTIONS: OptionTable = { format: "string", pretty: "boolean" };

export const FORMAT_OPTIONS_HELP = `  --format <f>            pretty (colours, code frames; the default on a terminal),
                          plain, json (one object per line) or github (Actions annotations)
  --pretty / --no-pretty  same as --format pretty / plain`;

const FORMATS: readonly OutputFormat[] = ["pretty", "plain", "json", "github"];

export function chooseFormat(flags: OptionValues, cli: CliEnvironment): OutputFormat {
  const chosen = choiceOption(flags, "format", FORMATS);
  if (chosen !== undefined) return chosen;
  if (flags.pretty === true) return "pretty";
  if (flags.pretty === false) return "plain";
  return cli.isTTY || colorsForced(cli.env) ? "pretty" : "plain";
}

/** FORCE_COLOR set to anything but 0/false asks for colours on any stream (it wins over NO_COLOR, as in Node itself). */
function colorsForced(env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  return force !== undefined && force !== "0" && force !== "false";
}

/**
 * Colours in pretty output: forced by FORCE_COLOR, turned off by NO_COLOR
 * (https://no-color.org: any non-empty value). Pretty output itself is the
 * default only when stderr, where diagnostics go, is a terminal (chooseFormat):
 * `mcpc check 2>err.txt` writes no escapes, whatever stdout is.
 */
function wantsColors(cli: CliEnvironment): boolean {
  if (colorsForced(cli.env)) return true;
  return !cli.env.NO_COLOR;
}

export class DiagnosticPrinter {
  constructor(
    private readonly cli: CliEnvironment,
    readonly format: OutputFormat,
  ) {}

  get machine(): boolean {
    return this.format === "json" || this.format === "github";
  }

  print(diagnostics: readonly Diagnostic[]): void {
    const { cli } = this;
    for (const d of diagnostics) {
      if (this.format === "json") cli.out(`${diagnosticJson(d, cli.cwd)}\n`);
      else if (this.format === "github") cli.out(`${diagnosticGithub(d, cli.cwd)}\n`);
      else {
        const pretty = this.format === "pretty";
        const colors = pretty && wantsColors(cli);
        cli.err(`${formatDiagnostic(d, { cwd: cli.cwd, pretty, colors })}\n`);
      }
    }
  }

  /** The closing line for humans ("Found 2 errors."); machine formats print nothing more. */
  summarize(diagnostics: readonly Diagnostic[]): void {
    if (this.machine || diagnostics.length === 0) return;
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    this.cli.err(`\n${summary(errors, diagnostics.length - errors)}\n`);
  }

  /** A success message: on stdout for humans, kept off stdout for machine formats. */
  success(text: string): void {
    if (this.machine) this.cli.err(`${text}\n`);
    else this.cli.out(`${text}\n`);
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
