import { existsSync, readFileSync } from "node:fs";
import { mcpcPackage } from "../own-package.js";
import { createRequire } from "node:module";
import { dirname, join, posix } from "node:path";

const require = createRequire(import.meta.url);

/** Where the runtime goes inside the output directory. */
export const RUNTIME_DIR = "runtime";

/**
 * The runtime modules a server can load: server.js starts it, revive.js
 * revives dates and URLs, index.js is what the user's code imports as
 * `mcpc/runtime`. Whatever they import, statically or lazily (the HTTP
 * transport, auth), comes along.
 */
const RUNTIME_ENTRIES = ["server.js", "revive.js", "index.js"];

/** The user's `mcpc/runtime` import, as the path of the copied module inside the output. */
export const RUNTIME_INDEX = `${RUNTIME_DIR}/index.js`;

let runtimeCopy: ReadonlyMap<string, string> | undefined;

/**
 * The compiled runtime, copied into the output so the server runs with plain
 * node whether or not mcpc is installed where it runs, and always with the
 * runtime of the compiler that wrote it. Only the modules reachable from the
 * entries are copied (no declarations, no source maps, not the testing
 * module). Read once per process: the runtime does not change under a
 * running compiler.
 */
export function runtimeFiles(): ReadonlyMap<string, string> {
  if (runtimeCopy !== undefined) return runtimeCopy;
  const { root, version } = mcpcPackage();
  const dist = join(root, "dist", "runtime");
  const files = new Map<string, string>();
  const pending = [...RUNTIME_ENTRIES];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (files.has(`${RUNTIME_DIR}/${path}`)) continue;
    const source = join(dist, path);
    if (!existsSync(source)) throw new Error(`mcpc's compiled runtime is missing ${source}: run 'npm run build' in mcpc`);
    const text = withoutSourceMap(readFileSync(source, "utf8"));
    files.set(`${RUNTIME_DIR}/${path}`, text);
    for (const fileName of relativeImportsOf(text)) pending.push(posix.normalize(posix.join(posix.dirname(path), fileName)));
  }
  files.set(`${RUNTIME_DIR}/VERSION`, `mcpc ${version}\n`);
  return (runtimeCopy = new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))));
}

/**
 * The relative specifiers a compiled runtime module imports: static imports
 * and re-exports (tsc prints each on one line of its own) and import()
 * calls. Read by pattern, not by TypeScript's scanner: scanning the runtime
 * with preProcessFile was a twentieth of a cold 200-tool build. The runtime
 * is our own tsc output, and a test holds this to preProcessFile's answer
 * for every module of it.
 */
export function relativeImportsOf(moduleText: string): string[] {
  const found: string[] = [];
  for (const match of moduleText.matchAll(RELATIVE_IMPORT)) found.push(match[1] ?? match[2] ?? match[3]!);
  return found;
}

const RELATIVE_IMPORT = /^(?:import|export)\b[^\n]*?\bfrom\s*"(\.[^"]*)";?\s*$|^import\s*"(\.[^"]*)";?\s*$|\bimport\(\s*"(\.[^"]*)"\s*\)/gm;

/**
 * The helpers Ajv's standalone validators call at run time, copied from
 * ajv, ajv-formats and their dependencies (MIT and BSD-3-Clause: copies
 * keep the licence beside them) into `runtime/vendor/`, so validators.cjs
 * needs no package installed. `use` is what the validator code requires;
 * `files` are copied from the package that `from` resolves.
 */
interface VendoredHelper {
  /** What Ajv's standalone code writes. */
  pattern: RegExp;
  /** What validators.cjs says instead. */
  use: string;
  /** The package's file that Ajv's code requires (resolved from ajv); the copies are relative to its folder. */
  from: () => string;
  folder: string;
  /** Name in the vendor folder → path beside `from`. */
  files: Record<string, string>;
}

const VENDOR_DIR = `${RUNTIME_DIR}/vendor`;

const ajvRequire = (): NodeJS.Require => createRequire(require.resolve("ajv"));

export const AJV_HELPERS: readonly VendoredHelper[] = [
  {
    pattern: /require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g,
    use: `require("./${VENDOR_DIR}/ajv/ucs2length.js").default`,
    from: () => require.resolve("ajv/dist/runtime/ucs2length"),
    folder: "ajv",
    files: { "ucs2length.js": "ucs2length.js", LICENSE: "../../LICENSE" },
  },
  {
    // ajv/dist/runtime/equal re-exports fast-deep-equal.
    pattern: /require\("ajv\/dist\/runtime\/equal"\)\.default/g,
    use: `require("./${VENDOR_DIR}/fast-deep-equal/index.js")`,
    from: () => ajvRequire().resolve("fast-deep-equal"),
    folder: "fast-deep-equal",
    files: { "index.js": "index.js", LICENSE: "LICENSE" },
  },
  {
    // ajv/dist/runtime/uri re-exports fast-uri.
    pattern: /require\("ajv\/dist\/runtime\/uri"\)\.default/g,
    use: `require("./${VENDOR_DIR}/fast-uri/index.js")`,
    from: () => ajvRequire().resolve("fast-uri"),
    folder: "fast-uri",
    files: { "index.js": "index.js", "lib/utils.js": "lib/utils.js", "lib/schemes.js": "lib/schemes.js", LICENSE: "LICENSE" },
  },
  {
    pattern: /require\("ajv-formats\/dist\/formats"\)\.fullFormats/g,
    use: `require("./${VENDOR_DIR}/ajv-formats/formats.js").fullFormats`,
    from: () => require.resolve("ajv-formats/dist/formats"),
    folder: "ajv-formats",
    files: { "formats.js": "formats.js", LICENSE: "../LICENSE" },
  },
];

/** The vendored files the validators' code requires (with the licences), by output path. */
export function vendoredHelperFiles(validatorsCode: readonly string[]): ReadonlyMap<string, string> {
  const helpersOf = new Map<string, number>();
  let usedMask = 0;
  for (const part of validatorsCode) {
    const mask = helpersOfPart.get(part) ?? helpersOf.get(part) ?? helpersIn(part);
    helpersOf.set(part, mask);
    usedMask |= mask;
  }
  helpersOfPart = helpersOf;
  const used = AJV_HELPERS.filter((_, i) => (usedMask & (1 << i)) !== 0);
  const key = used.map((helper) => helper.folder).join(",");
  let files = vendoredSets.get(key);
  if (files === undefined) {
    files = helperFiles(used);
    vendoredSets.set(key, files);
  }
  return files;
}

/** The helpers a piece of validator code requires, as a mask over AJV_HELPERS. */
function helpersIn(code: string): number {
  let mask = 0;
  for (const [i, helper] of AJV_HELPERS.entries()) if (code.includes(helper.use)) mask |= 1 << i;
  return mask;
}

/**
 * The helpers each part of the last build's validators.cjs requires (a mask over AJV_HELPERS): a watch
 * rebuild's parts are mostly the same strings, so only new code is searched. Only the last build's parts
 * are kept.
 */
let helpersOfPart = new Map<string, number>();

/** The installed packages do not change while a watch session runs: the files of each set of helpers are made once per process. */
const vendoredSets = new Map<string, ReadonlyMap<string, string>>();

function helperFiles(used: readonly VendoredHelper[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const helper of used) {
    const base = dirname(helper.from());
    for (const [name, path] of Object.entries(helper.files)) {
      files.set(`${VENDOR_DIR}/${helper.folder}/${name}`, vendoredText(join(base, path)));
    }
  }
  // The output's package.json says "type": "module"; these are CommonJS.
  if (files.size > 0) files.set(`${VENDOR_DIR}/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
  return files;
}

function vendoredText(path: string): string {
  return withoutSourceMap(readFileSync(path, "utf8"));
}

/** Source maps are not copied, so the comments pointing at them go. */
function withoutSourceMap(text: string): string {
  return text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
}
