export class UsageError extends Error {}

export interface ParsedArguments {
  command: "build" | "check" | undefined;
  entries: string[];
  flags: {
    help?: boolean;
    version?: boolean;
    out?: string;
    tsconfig?: string;
    name?: string;
    serverVersion?: string;
    pretty?: boolean;
  };
}

const COMMANDS = new Set(["build", "check"]);
const VALUE_FLAGS: Record<string, keyof ParsedArguments["flags"]> = {
  "--out": "out",
  "-o": "out",
  "--tsconfig": "tsconfig",
  "-p": "tsconfig",
  "--name": "name",
  "--server-version": "serverVersion",
};

export function parseArguments(argv: readonly string[]): ParsedArguments {
  const parsed: ParsedArguments = { command: undefined, entries: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") parsed.flags.help = true;
    else if (arg === "--version" || arg === "-v") parsed.flags.version = true;
    else if (arg === "--pretty") parsed.flags.pretty = true;
    else if (arg === "--no-pretty") parsed.flags.pretty = false;
    else if (arg in VALUE_FLAGS || arg.includes("=")) {
      const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
      const key = VALUE_FLAGS[flag];
      if (key === undefined) throw new UsageError(`unknown option '${flag}'`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
      (parsed.flags as Record<string, unknown>)[key] = value;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option '${arg}'`);
    else if (parsed.command === undefined) {
      if (!COMMANDS.has(arg)) throw new UsageError(`unknown command '${arg}'`);
      parsed.command = arg as ParsedArguments["command"];
    } else parsed.entries.push(arg);
  }
  return parsed;
}
