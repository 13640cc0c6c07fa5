import { build as compile } from "../../compiler/index.js";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { stringOption, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { PROJECT_OPTIONS, PROJECT_OPTIONS_HELP } from "../project.js";
import { openProject } from "../open-project.js";
import { FORMAT_OPTIONS, hasErrors } from "../report.js";
import { finishOutput } from "../standalone/finish-output.js";
import { verifyServer } from "../standalone/verify-server.js";
import { packZip, unpackZip, type ZipEntry } from "../zip.js";

export const bundle: Command = {
  name: "bundle",
  options: { ...PROJECT_OPTIONS, ...FORMAT_OPTIONS, output: "string" },
  help: `Usage: mcpc bundle [entry.ts...] [options]

Builds the server and packs it as an MCP Bundle: a zip holding manifest.json
(name, version, description, author, the tools, the server entry) and the
server under server/, standalone: everything it imports (your dependencies,
mcpc's runtime, Ajv) is bundled into server/server.js, and the configuration's
"assets" are copied beside the code that reads them. Before writing, the
bundle is unpacked into a temporary directory and its server started there:
a bundle whose server does not start or lists other tools than its manifest
is an error, and nothing is written.

Options:
  --output <file>         the bundle to write (default: <name>-<version>.mcpb)
${PROJECT_OPTIONS_HELP}

Examples:
  mcpc bundle src/tools.ts
  mcpc bundle --output dist/weather.mcpb
  npx @anthropic-ai/mcpb info weather-1.0.0.mcpb`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    const opened = openProject(args, cli);
    if (opened === undefined) return EXIT_USAGE;
    const { printer, setup } = opened;
    const result = await compile(setup.options, false);
    printer.print(result.diagnostics);
    if (hasErrors(result.diagnostics) || result.files === undefined) {
      printer.summarize(result.diagnostics);
      return EXIT_PROBLEMS;
    }
    const pkg = readJson(join(cli.cwd, "package.json")) ?? {};
    const name = setup.options.name ?? str(pkg.name) ?? "mcp-server";
    const version = setup.options.version ?? str(pkg.version) ?? "0.0.0";
    const manifest = {
      manifest_version: "0.3",
      name: name.replace(/^@[^/]+\//, ""),
      display_name: name,
      version,
      description: str(pkg.description) ?? `${result.tools.length} tool(s) compiled by mcpc`,
      author: authorOf(pkg.author) ?? { name },
      server: {
        type: "node",
        entry_point: "server/server.js",
        mcp_config: { command: "node", args: ["${__dirname}/server/server.js"], env: {} },
      },
      tools: result.tools.map((t) => ({ name: t.name, description: t.description })),
      tools_generated: false,
      compatibility: { runtimes: { node: ">=20.0.0" } },
    };
    const output = resolve(cli.cwd, stringOption(args.options, "output") ?? `${manifest.name}-${version}.mcpb`);
    // The server is written beside where `mcpc build` would put it, so its imports resolve from the
    // same place, then bundled there; the staging directory never outlives the command.
    const staging = `${result.outDir}.mcpc-bundle-${process.pid}`;
    const partial = `${output}.partial-${process.pid}`;
    const unpacked = mkdtempSync(join(tmpdir(), "mcpc-bundle-verify-"));
    try {
      rmSync(staging, { recursive: true, force: true });
      for (const [path, text] of result.files) {
        mkdirSync(dirname(join(staging, path)), { recursive: true });
        writeFileSync(join(staging, path), text);
      }
      const finished = await finishOutput({ result, dir: staging, projectDir: cli.cwd, assets: setup.config.assets ?? [], configFile: setup.configFile, bundle: true });
      if (finished.diagnostics.length > 0) {
        printer.print(finished.diagnostics);
        printer.summarize(finished.diagnostics);
        return EXIT_PROBLEMS;
      }
      const entries: ZipEntry[] = [{ path: "manifest.json", content: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"), mode: 0o644 }];
      for (const file of filesUnder(staging)) {
        const path = `server/${relative(staging, file).split("\\").join("/")}`;
        entries.push({ path, file, mode: statSync(file).mode & 0o777 });
      }
      entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      mkdirSync(dirname(output), { recursive: true });
      const size = packZip(partial, entries);
      // What is proven is the archive itself: unpacked elsewhere, as a client installs it.
      unpackZip(partial, unpacked, new Map(entries.map((e) => [e.path, e.mode])));
      const problems = await verifyServer(join(unpacked, "server"), `server/ of ${relative(cli.cwd, output)}`, "mcpc bundle");
      if (problems.length > 0) {
        printer.print(problems);
        printer.summarize(problems);
        return EXIT_PROBLEMS;
      }
      renameSync(partial, output);
      printer.success(`Bundled ${result.tools.length} tool(s) into ${relative(cli.cwd, output)} (${entries.length} files, ${Math.round(size / 1024)} KiB; started and verified).`);
      return EXIT_OK;
    } finally {
      rmSync(partial, { force: true });
      rmSync(staging, { recursive: true, force: true });
      rmSync(unpacked, { recursive: true, force: true });
    }
  },
};

/** Every file under `dir` (the staging directory holds only what was written there: no links). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function authorOf(author: unknown): { name: string; email?: string; url?: string } | undefined {
  if (typeof author === "string" && author.trim() !== "") {
    const match = /^([^<(]+?)\s*(?:<([^>]+)>)?\s*(?:\(([^)]+)\))?$/.exec(author.trim());
    if (match === null) return { name: author.trim() };
    return { name: match[1]!, ...(match[2] ? { email: match[2] } : {}), ...(match[3] ? { url: match[3] } : {}) };
  }
  if (typeof author === "object" && author !== null && typeof (author as { name?: unknown }).name === "string") {
    const a = author as { name: string; email?: unknown; url?: unknown };
    return { name: a.name, ...(typeof a.email === "string" ? { email: a.email } : {}), ...(typeof a.url === "string" ? { url: a.url } : {}) };
  }
  return undefined;
}
