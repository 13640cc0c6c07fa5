import { analyze, type ContractChange, createDiagnostic, type Diagnostic, diffContracts, Messages, type ToolListing, toolListing, type ToolScopes } from "../../compiler/index.js";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { choiceOption, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { PROJECT_OPTIONS, resolveProject } from "../project.js";
import { DiagnosticPrinter, hasErrors } from "../report.js";

export const diff: Command = {
  name: "diff",
  options: { ...PROJECT_OPTIONS, format: "string" },
  help: `Usage: mcpc diff <old manifest.json|dir> [<new manifest.json|dir|entry.ts...>] [options]

Compares what two versions of a server offer to a model, as the model feels it:
a tool removed or renamed, a parameter made required or added as required, a
type narrowed, an enum value removed, a constraint tightened or a scope newly
required (@scope: tokens without it are refused) is breaking;
additions and loosenings are compatible. The new side is a manifest.json (or
the output directory holding one) or entry files compiled on the spot (default:
the configured entry).
Exit status: 0 no breaking change, 1 breaking changes, 2 bad usage or input.

Options:
  --format <f>            text (default) or json (one object per change)
  --tsconfig, -p <file>   tsconfig.json for entry files

Examples:
  mcpc diff released/manifest.json src/tools.ts
  git show v1.0.0:mcp-server/manifest.json > /tmp/v1.json && mcpc diff /tmp/v1.json
  mcpc diff old-build/ mcp-server/ --format json`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    const format = choiceOption(args.options, "format", ["text", "json"] as const) ?? "text";
    const printer = new DiagnosticPrinter(cli, format === "json" ? "json" : "plain");
    const [oldPath, ...newPaths] = args.positionals;
    if (oldPath === undefined) {
      cli.err(`mcpc diff: give the old manifest.\n\n${diff.help}\n`);
      return EXIT_USAGE;
    }
    const problems: Diagnostic[] = [];
    const oldManifest = readManifest(resolve(cli.cwd, oldPath), problems);
    let newManifest: ReadManifest | undefined;
    let newLabel: string;
    if (newPaths.length === 1 && !/\.(ts|mts|tsx)$/.test(newPaths[0]!)) {
      newManifest = readManifest(resolve(cli.cwd, newPaths[0]!), problems);
      newLabel = newPaths[0]!;
    } else {
      const setup = resolveProject(newPaths, args.options, cli.cwd);
      newLabel = setup.options.entries.join(", ");
      if (setup.diagnostics.length > 0) problems.push(...setup.diagnostics);
      else {
        const analysis = analyze(setup.options);
        if (hasErrors(analysis.diagnostics)) {
          printer.print(analysis.diagnostics);
          printer.summarize(analysis.diagnostics);
          return EXIT_PROBLEMS;
        }
        newManifest = { tools: analysis.tools.map((t) => toolListing(t) as unknown as ToolListing), toolScopes: Object.fromEntries(analysis.tools.flatMap((t) => (t.scopes === undefined ? [] : [[t.name, t.scopes]]))) };
      }
    }
    if (problems.length > 0 || oldManifest === undefined || newManifest === undefined) {
      printer.print(problems);
      return EXIT_USAGE;
    }
    const changes = diffContracts(oldManifest.tools, newManifest.tools, { old: oldManifest.toolScopes, new: newManifest.toolScopes });
    const breaking = changes.filter((c) => c.kind === "breaking").length;
    if (format === "json") for (const change of changes) cli.out(`${JSON.stringify(change)}\n`);
    else cli.out(renderChanges(changes, oldPath, newLabel, breaking));
    return breaking > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};

function renderChanges(changes: ContractChange[], oldLabel: string, newLabel: string, breaking: number): string {
  if (changes.length === 0) return `No contract changes from ${oldLabel} to ${newLabel}.\n`;
  const toolWidth = Math.max(4, ...changes.map((c) => c.tool.length));
  const sorted = [...changes].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "breaking" ? -1 : 1));
  const lines = sorted.map((c) => `  ${(c.kind === "breaking" ? "BREAKING" : "compatible").padEnd(10)}  ${c.tool.padEnd(toolWidth)}  ${c.where === "" ? "" : `${c.where}: `}${c.message}`);
  const compatible = changes.length - breaking;
  const verdict = breaking > 0 ? "agents built against the old version may fail" : "agents built against the old version keep working";
  return `Contract changes from ${oldLabel} to ${newLabel}:\n${lines.join("\n")}\n\n${breaking} breaking, ${compatible} compatible: ${verdict}.\n`;
}

/** What `mcpc diff` compares of a manifest. */
interface ReadManifest {
  tools: ToolListing[];
  toolScopes: ToolScopes;
}

/** The tools of a manifest.json (or of the manifest.json in a build directory) and the scopes they require. */
function readManifest(path: string, problems: Diagnostic[]): ReadManifest | undefined {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "manifest.json") : path;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    problems.push(createDiagnostic(Messages.ManifestUnreadable, { file, message }, { path: file }));
    return undefined;
  }
  const tools = (json as { tools?: unknown })?.tools;
  if (!Array.isArray(tools) || !tools.every((t) => typeof t === "object" && t !== null && typeof t.name === "string" && typeof t.inputSchema === "object")) {
    problems.push(createDiagnostic(Messages.ManifestUnreadable, { file, message: "expected { \"tools\": [{ \"name\", \"inputSchema\", … }] }" }, { path: file }));
    return undefined;
  }
  // Manifests written before issue 18 have no scopes: every tool required none.
  const toolScopes = (json as { scopes?: { tools?: unknown } }).scopes?.tools;
  const scopesReadable =
    toolScopes === undefined ||
    (typeof toolScopes === "object" && toolScopes !== null && Object.values(toolScopes).every((list) => Array.isArray(list) && list.every((s) => typeof s === "string")));
  if (!scopesReadable) {
    problems.push(createDiagnostic(Messages.ManifestUnreadable, { file, message: 'expected "scopes": { "tools": { "<tool>": ["<scope>", …] } }' }, { path: file }));
    return undefined;
  }
  return { tools: tools as ToolListing[], toolScopes: (toolScopes ?? {}) as ToolScopes };
}
