import { build as compile } from "../../compiler/index.js";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { stringOption, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { PROJECT_OPTIONS, PROJECT_OPTIONS_HELP } from "../project.js";
import { openProject } from "../open-project.js";
import { FORMAT_OPTIONS, hasErrors } from "../report.js";
import { writeZip, type ZipEntry } from "../zip.js";

/** What the emitted server needs of mcpc at run time: its runtime, and Ajv's helpers. */
const MCPC_RUNTIME_DEPENDENCIES = ["ajv", "ajv-formats"];

export const bundle: Command = {
  name: "bundle",
  summary: "an MCP Bundle (.mcpb) for one-click install in Claude Desktop",
  options: { ...PROJECT_OPTIONS, ...FORMAT_OPTIONS, output: "string" },
  help: `Usage: mcpc bundle [entry.ts...] [options]

Builds the server and packs it as an MCP Bundle: a zip holding manifest.json
(name, version, description, author, the tools, the server entry), the built
server under server/, and the node_modules it needs at run time (mcpc's
runtime, Ajv, and the dependencies of your package.json).

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
    const files = new Map<string, ZipEntry>();
    const generated = (path: string, text: string) => files.set(path, { path, content: Buffer.from(text, "utf8"), mode: 0o644 });
    for (const [path, text] of result.files) generated(`server/${path}`, text);
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
    generated("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
    const missing: string[] = [];
    const unreadable: string[] = [];
    addRuntimeModules(files, cli.cwd, Object.keys((pkg.dependencies ?? {}) as object), missing, unreadable);
    if (missing.length > 0) {
      cli.err(`mcpc bundle: cannot find ${missing.map((m) => `'${m}'`).join(", ")} in node_modules; run 'npm install' first.\n`);
      return EXIT_USAGE;
    }
    if (unreadable.length > 0) {
      cli.err(`mcpc bundle: cannot pack ${unreadable.map((m) => `'${m}'`).join(", ")}: a symbolic link to nothing; remove it or reinstall the package.\n`);
      return EXIT_USAGE;
    }
    const output = resolve(cli.cwd, stringOption(args.options, "output") ?? `${manifest.name}-${version}.mcpb`);
    const size = writeZip(output, [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
    printer.success(`Bundled ${result.tools.length} tool(s) into ${relative(cli.cwd, output)} (${files.size} files, ${Math.round(size / 1024)} KiB).`);
    return EXIT_OK;
  },
};

/** Copies mcpc's runtime and the project's runtime dependencies (with theirs) into node_modules/. */
function addRuntimeModules(files: Map<string, ZipEntry>, cwd: string, projectDependencies: string[], missing: string[], unreadable: string[]): void {
  const done = new Set<string>();
  const add = (name: string, from: string, only?: string[]): void => {
    if (done.has(name)) return;
    done.add(name);
    const dir = findPackage(name, from);
    if (dir === undefined) {
      missing.push(name);
      return;
    }
    const pkg = readJson(join(dir, "package.json")) ?? {};
    const roots = only ?? ["."];
    const pack = (path: string, file: string, mode: number) => files.set(path, { path, file, mode });
    for (const root of roots) {
      for (const found of listFiles(join(dir, root), unreadable)) pack(`node_modules/${name}/${relative(dir, found.path).split("\\").join("/")}`, found.target, found.mode);
    }
    if (only !== undefined) pack(`node_modules/${name}/package.json`, join(dir, "package.json"), statSync(join(dir, "package.json")).mode);
    const deps = name === "mcpc" ? MCPC_RUNTIME_DEPENDENCIES : Object.keys((pkg.dependencies ?? {}) as object);
    for (const dep of deps) add(dep, dir);
  };
  // mcpc itself: the runtime only (not the compiler, TypeScript or prettier).
  add("mcpc", cwd, ["dist/runtime"]);
  for (const dep of projectDependencies) if (dep !== "mcpc") add(dep, cwd);
}

function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

interface FoundFile {
  /** Where it sits in the package (a symbolic link keeps its own name). */
  path: string;
  /** What is read: the file itself, or what a symbolic link points to. */
  target: string;
  mode: number;
}

/**
 * Every file under `path`, following symbolic links as mcpb's packer does: a link is stored as the
 * file or directory it points to, under its own name. A link back to a directory it sits in is not
 * followed (that would never end). Links to nothing are listed in `unreadable`.
 */
function listFiles(path: string, unreadable: string[], ancestors: ReadonlySet<string> = new Set()): FoundFile[] {
  if (!existsSync(path)) return [];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [{ path, target: realpathSync(path), mode: stat.mode }];
  const real = realpathSync(path);
  if (ancestors.has(real)) return [];
  const inside = new Set([...ancestors, real]);
  const out: FoundFile[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    // Nested node_modules are resolved as packages of their own; test and map files are not needed to run.
    if (entry.name === "node_modules" || entry.name === ".git") continue;
    const full = join(path, entry.name);
    if (entry.isSymbolicLink()) {
      if (!existsSync(full)) {
        unreadable.push(full);
        continue;
      }
      const target = statSync(full);
      if (target.isDirectory()) {
        out.push(...listFiles(full, unreadable, inside));
        continue;
      }
      if (target.isFile() && !entry.name.endsWith(".map")) out.push({ path: full, target: realpathSync(full), mode: target.mode });
      continue;
    }
    if (entry.isDirectory()) out.push(...listFiles(full, unreadable, inside));
    else if (entry.isFile() && !entry.name.endsWith(".map")) out.push({ path: full, target: full, mode: statSync(full).mode });
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
