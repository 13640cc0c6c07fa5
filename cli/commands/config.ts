import { createDiagnostic, DEFAULT_OUT_DIR, Messages } from "../../compiler/index.js";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { stringOption, type ParsedCommandLine } from "../arguments.js";
import { CLIENT_CONFIGS, CLIENTS, type ClientName } from "../client-config.js";
import { EXIT_OK, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { loadConfig } from "../config-file.js";
import { DiagnosticPrinter } from "../report.js";

export const config: Command = {
  name: "config",
  summary: "the entry that connects a client to this server (print, or --write to merge)",
  options: { write: "boolean", out: "string", name: "string", file: "string", config: "string" },
  help: `Usage: mcpc config <${CLIENTS.join("|")}> [options]

Prints the configuration entry for this server, with absolute paths to node
and to the built server.js. With --write, merges it into the client's
configuration file, keeping every other entry and a backup (<file>.bak):
  claude-desktop  claude_desktop_config.json in the user's Claude directory
  claude-code     .mcp.json in the current directory
  cursor          .cursor/mcp.json in the current directory
  vscode          .vscode/mcp.json in the current directory

Options:
  --write                 merge into the client's configuration file
  --file <path>           configuration file to merge into instead
  --name <name>           the server's key (default: configured or package.json name)
  --out, -o <dir>         build output directory (default: configured or ${DEFAULT_OUT_DIR})
  --config <file>         mcpc configuration file

Examples:
  mcpc config claude-desktop
  mcpc config claude-desktop --write
  mcpc config vscode --write`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    const [client, ...rest] = args.positionals;
    if (client === undefined || rest.length > 0 || !(CLIENTS as readonly string[]).includes(client)) {
      cli.err(`mcpc config: name one client: ${CLIENTS.join(", ")}.\n\n${config.help}\n`);
      return EXIT_USAGE;
    }
    const printer = new DiagnosticPrinter(cli, "plain");
    const loaded = loadConfig(cli.cwd, stringOption(args.options, "config"));
    if (loaded.diagnostics.length > 0) {
      printer.print(loaded.diagnostics);
      return EXIT_USAGE;
    }
    const shape = CLIENT_CONFIGS[client as ClientName];
    const name = stringOption(args.options, "name") ?? loaded.config.name ?? packageName(cli.cwd) ?? basename(cli.cwd);
    const serverPath = join(resolve(cli.cwd, stringOption(args.options, "out") ?? loaded.config.outDir ?? DEFAULT_OUT_DIR), "server.js");
    const entry = shape.entry({ command: process.execPath, args: [serverPath] });
    if (!existsSync(serverPath)) cli.err(`Note: ${serverPath} does not exist yet; run 'mcpc build' before starting the client.\n`);

    if (args.options.write !== true) {
      cli.out(`${JSON.stringify({ [shape.serversKey]: { [name]: entry } }, null, 2)}\n`);
      return EXIT_OK;
    }
    const explicit = stringOption(args.options, "file");
    const file = explicit !== undefined ? resolve(cli.cwd, explicit) : shape.file(cli.cwd, cli.env, process.platform);
    if (file === undefined) {
      cli.err(`mcpc config: '${client}' has no configuration file to write; use --file <path>.\n`);
      return EXIT_USAGE;
    }
    let current: Record<string, unknown> = {};
    if (existsSync(file)) {
      try {
        const text = readFileSync(file, "utf8");
        const parsed: unknown = text.trim() === "" ? {} : JSON.parse(text);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("it is not a JSON object");
        current = parsed as Record<string, unknown>;
        const servers = current[shape.serversKey];
        if (servers !== undefined && (typeof servers !== "object" || servers === null || Array.isArray(servers))) throw new Error(`"${shape.serversKey}" is not an object`);
      } catch (error) {
        printer.print([createDiagnostic(Messages.ClientConfigUnreadable, { file, message: (error as Error).message }, { path: file })]);
        return EXIT_USAGE;
      }
      copyFileSync(file, `${file}.bak`);
    }
    const servers = { ...((current[shape.serversKey] as Record<string, unknown> | undefined) ?? {}) };
    const replaced = name in servers;
    servers[name] = entry;
    const merged = { ...current, [shape.serversKey]: servers };
    mkdirSync(dirname(file), { recursive: true });
    // Write beside, then rename: a crash never leaves the user's file half-written.
    const staging = `${file}.mcpc-${process.pid}`;
    writeFileSync(staging, `${JSON.stringify(merged, null, 2)}\n`);
    renameSync(staging, file);
    cli.out(`${replaced ? "Updated" : "Added"} '${name}' in ${file}${existsSync(`${file}.bak`) ? ` (backup: ${file}.bak)` : ""}.\n`);
    if (client === "claude-desktop") cli.out("Restart Claude Desktop to load it.\n");
    return EXIT_OK;
  },
};

function packageName(cwd: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { name?: unknown };
    return typeof pkg.name === "string" ? pkg.name : undefined;
  } catch {
    return undefined;
  }
}
