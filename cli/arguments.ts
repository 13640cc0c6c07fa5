// Command-line parsing shared by every command: each command declares the
// options it takes, so a typo is a usage error (exit 2) with a "did you mean",
// never silently ignored. Not node:util parseArgs: on Node 20 it has no
// `--no-x` negation (allowNegative came in 22.4) and no suggestion for a typo,
// the two things this parser exists for.
import { didYouMean } from "../compiler/index.js";

export class UsageError extends Error {}

/**
 * `string`: takes a value; `boolean`: a switch (`--no-x` turns it off); `list`: comma-separated values;
 * `repeat`: one value per use, taken whole (`--env A=1,2 --env B=3`).
 */
export type OptionKind = "string" | "boolean" | "list" | "repeat";

export interface OptionTable {
  [name: string]: OptionKind;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedCommandLine {
  positionals: string[];
  options: OptionValues;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionTable = { help: "boolean", version: "boolean" };
const SHORT: Record<string, string> = { h: "help", v: "version", o: "out", p: "tsconfig", w: "watch" };

export function parseCommandLine(argv: readonly string[], table: OptionTable): ParsedCommandLine {
  const all: OptionTable = { ...COMMON_OPTIONS, ...table };
  const parsed: ParsedCommandLine = { positionals: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    let name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    name = name.startsWith("--") ? name.slice(2) : (SHORT[name.slice(1)] ?? `-${name.slice(1)}`);
    let kind = all[name];
    if (kind === undefined && name.startsWith("no-") && all[name.slice(3)] === "boolean") {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      parsed.options[name.slice(3)] = false;
      continue;
    }
    if (kind === undefined) {
      const written = arg.slice(0, eq === -1 ? undefined : eq);
      const known = Object.keys(all).map((option) => `--${option}`);
      throw new UsageError(`unknown option '${written}'${written.startsWith("--") ? didYouMean(written, known) : ""}`);
    }
    if (kind === "boolean") {
      if (inline !== undefined && inline !== "true" && inline !== "false") throw new UsageError(`--${name} takes no value`);
      parsed.options[name] = inline !== "false";
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    if (kind === "list") {
      const previous = (parsed.options[name] as string[] | undefined) ?? [];
      parsed.options[name] = [...previous, ...value.split(",").map((v) => v.trim()).filter(Boolean)];
    } else if (kind === "repeat") parsed.options[name] = [...((parsed.options[name] as string[] | undefined) ?? []), value];
    else parsed.options[name] = value;
  }
  return parsed;
}

/** The value of a string option (a helper so commands stay free of casts). */
export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === "string" ? value : undefined;
}

export function listOption(options: OptionValues, name: string): string[] | undefined {
  const value = options[name];
  return Array.isArray(value) ? value : undefined;
}

/** One of the allowed values, or a usage error naming them. */
export function choiceOption<T extends string>(options: OptionValues, name: string, allowed: readonly T[]): T | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(", ")}; got '${value}'`);
  return value as T;
}
