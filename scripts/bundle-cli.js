// Writes dist/mcpc-cli.cjs: the CLI and the compiler (dist/cli/main.js and every
// module it reaches, lazily or not) as ONE CommonJS file, which bin/mcpc.js loads
// in place of ~80 separate ES modules. Node 20 resolves, reads, compiles and
// links each ES module on its own and keeps no code cache for them; one CommonJS
// file goes through compiler/typescript/compile-cache.ts like TypeScript does
// (the saving is in BENCHMARKS.md / the commit that added this).
//
// Every module keeps its own import.meta.url (the URL of its file in dist/), so
// whatever a module reads or resolves relative to itself (package.json, the
// runtime it copies, the files validator-store fingerprints) is found where it
// was. Packages stay outside the bundle, required from node_modules as before.
//
// Optional: without esbuild (an optional dependency) no bundle is written and
// bin/mcpc.js loads dist/ as it is.
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const outfile = join(dist, "mcpc-cli.cjs");

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  rmSync(outfile, { force: true });
  console.log("bundle-cli: esbuild is not installed; bin/mcpc.js will load dist/ module by module");
  process.exit(0);
}

/**
 * Modules whose functions go into the output as their own source text (Function.prototype.toString):
 * esbuild would re-indent and rename inside them, so their text is kept as tsc wrote it and
 * evaluated as it is (verbatimModule).
 */
const VERBATIM = new Set(["compiler/3-emit/validator-prelude.js"]);

/** Gives each module a binding of its own URL, which import.meta.url is defined to. */
const ownUrl = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist)) return undefined;
      const contents = await readFile(args.path, "utf8");
      const fromBundle = relative(dist, args.path).split("\\").join("/");
      if (VERBATIM.has(fromBundle)) return { contents: verbatimModule(fromBundle, contents), loader: "js", resolveDir: dirname(args.path) };
      return { contents: `const __mcpcImportMetaUrl = __mcpcDistUrl(${JSON.stringify(fromBundle)});\n${contents}`, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

/**
 * A self-contained module (no imports, only `export function|class|const NAME`) as a string
 * evaluated by new Function, so each function's text is byte for byte what tsc emitted.
 */
function verbatimModule(path, source) {
  const names = [...source.matchAll(/^export (?:async )?(?:function\*?|class|const|let) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  const plain = source.replace(/^export (?=(?:async )?(?:function|class|const|let) )/gm, "");
  if (/^\s*(?:import|export)\b/m.test(plain) || names.length === 0) throw new Error(`bundle-cli: ${path} is not a self-contained module of exported declarations`);
  const body = `"use strict";\n${plain}\nreturn { ${names.join(", ")} };`;
  return `const evaluated = new Function(${JSON.stringify(body)})();\nexport const { ${names.join(", ")} } = evaluated;\n`;
}

await esbuild.build({
  entryPoints: [join(dist, "cli", "main.js")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  // import() of a package (esbuild, for --bundle) as require(): code compiled through vm.Script on
  // Node 20 has no loader for import(), and these packages are all loadable by require().
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__mcpcImportMetaUrl" },
  banner: { js: 'const __mcpcDistUrl = (path) => require("node:url").pathToFileURL(require("node:path").join(__dirname, path)).href;' },
  plugins: [ownUrl],
  logLevel: "warning",
});
