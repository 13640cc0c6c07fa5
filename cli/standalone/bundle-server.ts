// A standalone server: the emitted server.js and validators.cjs bundled by esbuild with everything they
// import (the user's modules, their run-time dependencies whether listed as dependencies or
// devDependencies, mcpc's runtime, Ajv's helpers), so the output runs with plain `node server.js` on a
// machine where nothing is installed. esbuild resolves each import from its importer, as node does, so
// two versions of one package in the tree each reach the module that asked for it, and symbolic links
// (pnpm's layout) are followed.
import { type Diagnostic } from "../../compiler/index.js";
import type { Message, Metafile, Plugin } from "esbuild";
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleFailure, esbuildDiagnostic, type SourceMapping } from "./bundle-diagnostics.js";
import { nativeAddonsIn } from "./native-addons.js";

export interface BundleRequest {
  /** The directory holding the emitted server (where it will run, or a staging copy beside it). */
  dir: string;
  /** The paths the compiler emitted, relative to `dir`. */
  emitted: Iterable<string>;
  /** The project: its node_modules (and those above it) resolve what the output's own place does not. */
  projectDir: string;
  /** The directory `app/` mirrors, to point diagnostics at the user's sources. */
  sourceRoot: string;
}

// esbuild's ES module output calls `require` for CommonJS dependencies that load node's built-ins;
// an ES module has none, so the bundle makes one (esbuild renames any `require` of the code itself).
const REQUIRE_BANNER = 'import { createRequire as __mcpcCreateRequire } from "node:module";\nconst require = __mcpcCreateRequire(import.meta.url);';

/**
 * Replaces server.js and validators.cjs in `dir` by bundles and removes the user's compiled modules
 * (now inside server.js); run-time files (assets) under app/ stay. Returns the problems; on any,
 * `dir` is left as it was.
 */
export async function bundleServer(request: BundleRequest): Promise<Diagnostic[]> {
  const { dir } = request;
  const mapping: SourceMapping = { dir, sourceRoot: request.sourceRoot };
  const common = {
    bundle: true,
    platform: "node" as const,
    target: "node20",
    absWorkingDir: dir,
    write: false,
    metafile: true,
    logLevel: "silent" as const,
    legalComments: "none" as const,
    allowOverwrite: true,
    // The Redis client is loaded only with --event-store, and its optional
    // integrations are not installed: a server that uses a shared store has
    // 'redis' installed beside it (it says so at start-up when it is not).
    external: ["redis"],
  };
  const diagnostics: Diagnostic[] = [];
  const outputs = new Map<string, Uint8Array>();
  const metafiles: Metafile[] = [];
  // Loaded here, not at the top: `mcpc check` and a plain build import this module but never bundle.
  const { build: esbuild } = await import("esbuild");
  const run = async (entry: string, format: "esm" | "cjs", plugins: Plugin[], banner?: string, sourcemap = false): Promise<void> => {
    try {
      const result = await esbuild({
        ...common,
        entryPoints: [join(dir, entry)],
        outfile: join(dir, entry),
        format,
        plugins,
        ...(banner === undefined ? {} : { banner: { js: banner } }),
        // server.js.map, composed by esbuild through each app/ module's own map: the runtime maps the
        // frames of a logged stack trace to the user's .ts lines, as in an unbundled build. Paths only,
        // no sources' text (the map travels with the server).
        ...(sourcemap ? { sourcemap: "external" as const, sourcesContent: false } : {}),
      });
      for (const file of result.outputFiles ?? []) outputs.set(relative(dir, file.path).split(sep).join("/"), file.contents);
      if (result.metafile !== undefined) metafiles.push(result.metafile);
    } catch (error) {
      const errors = (error as { errors?: Message[] }).errors;
      if (errors === undefined || errors.length === 0) diagnostics.push(bundleFailure((error as Error).message));
      else for (const message of errors) diagnostics.push(esbuildDiagnostic(message, mapping));
    }
  };
  const fallback = resolveFromFallbacks(fallbackDirectories(request.projectDir));
  await run("server.js", "esm", [appModuleLocations(dir), fallback], REQUIRE_BANNER, true);
  await run("validators.cjs", "cjs", [fallback]);
  for (const metafile of metafiles) diagnostics.push(...nativeAddonsIn(metafile, mapping));
  if (diagnostics.length > 0) return dedupe(diagnostics);

  for (const [path, contents] of outputs) writeFileSync(join(dir, path), contents);
  // The user's modules are inside server.js now (their maps go with them); what else sits in app/ (assets) stays.
  for (const path of request.emitted) {
    if (path.startsWith("app/") && /\.(js|mjs|cjs)(\.map)?$/.test(path)) rmSync(join(dir, path), { force: true });
  }
  removeEmptyDirectories(join(dir, "app"));
  return [];
}

/**
 * Keeps `import.meta.url`, `.dirname` and `.filename` of each user module what they were before
 * bundling (the module's own place under app/, not server.js), so a file read relative to the
 * module is found where the assets are copied.
 */
function appModuleLocations(dir: string): Plugin {
  const appDir = join(dir, "app");
  return {
    name: "mcpc-app-module-locations",
    setup(build) {
      build.onLoad({ filter: /\.(js|mjs)$/ }, (args) => {
        if (!args.path.startsWith(appDir + sep)) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (!/\bimport\.meta\.(url|dirname|filename)\b/.test(text)) return undefined;
        const own = `./${relative(dir, args.path).split(sep).join("/")}`;
        // One line, joined to the module's first: its lines stay where its source map says they are.
        const prologue = [
          'import { fileURLToPath as __mcpcFileURLToPath } from "node:url";',
          'import { dirname as __mcpcDirname } from "node:path";',
          `const __mcpcModuleUrl = new URL(${JSON.stringify(own)}, import.meta.url).href;`,
          "const __mcpcModuleFile = __mcpcFileURLToPath(__mcpcModuleUrl);",
          "const __mcpcModuleDir = __mcpcDirname(__mcpcModuleFile);",
        ].join(" ");
        const body = text
          .replace(/\bimport\.meta\.url\b/g, "__mcpcModuleUrl")
          .replace(/\bimport\.meta\.filename\b/g, "__mcpcModuleFile")
          .replace(/\bimport\.meta\.dirname\b/g, "__mcpcModuleDir");
        return { contents: `${prologue} ${body}`, loader: "js", resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * A bare import the output's own place cannot resolve is looked up as if written in the project
 * (an output directory outside it), then from where mcpc itself is installed (mcpc run by npx from its
 * cache brings its runtime and Ajv from there). esbuild's `nodePaths` would ignore packages' "exports".
 */
function resolveFromFallbacks(directories: readonly string[]): Plugin {
  return {
    name: "mcpc-resolve-fallbacks",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === FALLBACK || args.kind === "entry-point" || args.path.startsWith("node:")) return undefined;
        const own = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: FALLBACK });
        if (own.errors.length === 0) return own;
        for (const resolveDir of directories) {
          const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir, pluginData: FALLBACK });
          if (found.errors.length === 0) return found;
        }
        return { errors: own.errors };
      });
    },
  };
}

const FALLBACK = Symbol("mcpc-fallback");

function fallbackDirectories(projectDir: string): string[] {
  // dist/cli/standalone/bundle-server.js → the package root.
  const mcpcRoot = fileURLToPath(new URL("../../../", import.meta.url)).replace(/[\\/]$/, "");
  return [resolve(projectDir), mcpcRoot];
}

function removeEmptyDirectories(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeEmptyDirectories(join(dir, entry.name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}\0${d.file}\0${d.line}\0${d.column}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
