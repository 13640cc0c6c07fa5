// What every `mcpc <command>` module provides, and what it may use of the process.
import type { OptionTable, ParsedCommandLine } from "./arguments.js";

export interface CliEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stderr, where diagnostics go, is a terminal (pretty, coloured output by default). */
  isTTY: boolean;
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  /** The full `mcpc <command> --help` text, with examples. */
  help: string;
  options: OptionTable;
  /** Returns the exit status: 0 clean, 1 problems found, 2 bad usage or configuration. */
  run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
