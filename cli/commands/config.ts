import { createDiagnostic, DEFAULT_OUT_DIR, Messages } from "../../compiler/index.js";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import { listOption, stringOption, type ParsedCommandLine } from "../arguments.js";
import { CLIENT_CONFIGS, CLIENTS, type ClientName, type ServerLaunch } from "../client-config.js";
import { EXIT_OK, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { loadConfig } from "../config-file.js";
import { DiagnosticPrinter } from "../report.js";

export const config: Command = {
  name: "config",
  options: { write: "boolean", out: "string", name: "string", file: "string", config: "string", env: "repeat", "env-file": "string" },
  help: `Usage: mcpc config <${CLIENTS.join("|")}> [options]

Prints the configuration entry for this server. With --write, merges it into
the client's configuration file, keeping every other entry, its comments and
a backup (<file>.bak):
  claude-desktop  claude_desktop_config.json in the user's Claude directory
                  (absolute paths to node and server.js)
  claude-code     .mcp.json in the current directory (paths relative to it)
  cursor          .cursor/mcp.json in the current directory (\${workspaceFolder})
  vscode          .vscode/mcp.json in the current directory (\${workspaceFolder})
The project files hold no machine paths, so they can be committed.

Options:
  --write                 merge into the client's configuration file
  --file <path>           configuration file to merge into instead
  --name <name>           the server's key (default: configured or package.json name)
  --out, -o <dir>         build output directory (default: configured or ${DEFAULT_OUT_DIR})
  --config <file>         mcpc configuration file
  --env KEY=VALUE         an environment variable for the server (repeatable)
  --env-file <file>       a dotenv file the server's environment is read from
                          (envFile for VS Code and Cursor, node --env-file otherwise)

Examples:
  mcpc config claude-desktop
  mcpc config claude-desktop --write
  mcpc config vscode --write --env-file .env
  mcpc config claude-code --write --env LOG_LEVEL=debug`,
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
    const env: Record<string, string> = {};
    for (const pair of listOption(args.options, "env") ?? []) {
      const eq = pair.indexOf("=");
      if (eq <= 0) {
        cli.err(`mcpc config: --env takes KEY=VALUE; got '${pair}'.\n`);
        return EXIT_USAGE;
      }
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const launch: ServerLaunch = { nodePath: process.execPath, serverAbsolute: serverPath, serverRelative: projectRelative(cli.cwd, serverPath), env };
    const envFile = stringOption(args.options, "env-file");
    if (envFile !== undefined) {
      const absolute = resolve(cli.cwd, envFile);
      if (!existsSync(absolute)) cli.err(`Note: ${absolute} does not exist yet; the server reads it when it starts.\n`);
      launch.envFile = { absolute, relative: projectRelative(cli.cwd, absolute) };
    }
    const entry = shape.entry(launch);
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
    // VS Code's and Cursor's files allow comments (JSONC): the text is read as
    // JSONC and only the server's member is spliced in, so comments, order and
    // formatting of everything else survive.
    let text = "{}\n";
    let replaced = false;
    if (existsSync(file)) {
      try {
        text = readFileSync(file, "utf8");
        if (text.trim() === "") text = "{}\n";
        const errors: ParseError[] = [];
        const parsed: unknown = parse(text, errors, { allowTrailingComma: true });
        if (errors.length > 0) throw new Error(`${printParseErrorCode(errors[0]!.error)} at offset ${errors[0]!.offset}`);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("it is not a JSON object");
        const servers = (parsed as Record<string, unknown>)[shape.serversKey];
        if (servers !== undefined && (typeof servers !== "object" || servers === null || Array.isArray(servers))) throw new Error(`"${shape.serversKey}" is not an object`);
        replaced = servers !== undefined && name in (servers as object);
      } catch (error) {
        printer.print([createDiagnostic(Messages.ClientConfigUnreadable, { file, message: (error as Error).message }, { path: file })]);
        return EXIT_USAGE;
      }
      copyFileSync(file, `${file}.bak`);
    }
    const edits = modify(text, [shape.serversKey, name], entry, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: "\n" } });
    let merged = applyEdits(text, edits);
    if (!merged.endsWith("\n")) merged += "\n";
    mkdirSync(dirname(file), { recursive: true });
    // Write beside, then rename: a crash never leaves the user's file half-written.
    const staging = `${file}.mcpc-${process.pid}`;
    writeFileSync(staging, merged);
    renameSync(staging, file);
    cli.out(`${replaced ? "Updated" : "Added"} '${name}' in ${file}${existsSync(`${file}.bak`) ? ` (backup: ${file}.bak)` : ""}.\n`);
    if (client === "claude-desktop") cli.out("Restart Claude Desktop to load it.\n");
    return EXIT_OK;
  },
};

/** A path relative to the project root, '/'-separated (what a committed file holds on every OS). */
function projectRelative(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join("/");
}

function packageName(cwd: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { name?: unknown };
    return typeof pkg.name === "string" ? pkg.name : undefined;
  } catch {
    return undefined;
  }
}
