// Files the user's code reads at run time (`assets` in the mcpc configuration): globs relative to the
// project, copied into the output at the same place relative to the module that reads them (app/
// mirrors the sources' directory), with their modes; a symbolic link is copied as what it points to.
import { createDiagnostic, type Diagnostic, Messages } from "../../compiler/index.js";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface Asset {
  /** Path inside the output directory, with forward slashes. */
  path: string;
  /** The file read (past any symbolic link). */
  file: string;
  mode: number;
}

export interface AssetPlan {
  assets: Asset[];
  diagnostics: Diagnostic[];
}

/** Directories never searched for assets: installed packages, version control, mcpc's own output. */
const SKIPPED = new Set(["node_modules", ".git"]);

export function planAssets(patterns: readonly string[], projectDir: string, sourceRoot: string, outDir: string, emitted: ReadonlySet<string>, configFile: string | undefined): AssetPlan {
  const assets = new Map<string, Asset>();
  const diagnostics: Diagnostic[] = [];
  if (patterns.length === 0) return { assets: [], diagnostics };
  const dangling: string[] = [];
  const files = listFiles(projectDir, resolve(outDir), dangling);
  const inProject = (file: string) => relative(projectDir, file).split(sep).join("/");
  for (const pattern of patterns) {
    const matcher = globMatcher(pattern.replace(/^\.\//, ""));
    for (const link of dangling) if (matcher.test(inProject(link))) diagnostics.push(createDiagnostic(Messages.AssetUnreadable, { file: inProject(link) }, { path: link }));
    const matched = files.filter((file) => matcher.test(inProject(file)));
    if (matched.length === 0 && !dangling.some((link) => matcher.test(inProject(link)))) {
      diagnostics.push(atPattern(createDiagnostic(Messages.AssetNotFound, { pattern }, configFile === undefined ? undefined : { path: configFile }), configFile, pattern));
      continue;
    }
    for (const file of matched) {
      const path = join("app", relative(sourceRoot, file)).split(sep).join("/");
      if (path.startsWith("../") || emitted.has(path)) {
        diagnostics.push(createDiagnostic(Messages.AssetOutsideOutput, { file: relative(projectDir, file), target: path }, { path: file }));
        continue;
      }
      const stat = statSync(file);
      assets.set(path, { path, file, mode: stat.mode & 0o777 });
    }
  }
  return { assets: [...assets.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), diagnostics };
}

export function copyAssets(assets: readonly Asset[], dir: string): void {
  for (const asset of assets) {
    const target = join(dir, asset.path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(asset.file, target);
    chmodSync(target, asset.mode);
  }
}

/**
 * Every file under the project, except installed packages and the output. Symbolic links are
 * followed, save one back to a directory it sits in (that would never end); links to nothing are
 * listed apart, so a pattern that matches one is an error rather than a file left out.
 */
function listFiles(dir: string, outDir: string, dangling: string[], ancestors: ReadonlySet<string> = new Set()): string[] {
  if (resolve(dir) === outDir || dir.startsWith(`${outDir}.mcpc-`)) return [];
  const real = realpathSync(dir);
  if (ancestors.has(real)) return [];
  const inside = new Set([...ancestors, real]);
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (!existsSync(full)) {
      dangling.push(full);
      continue;
    }
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...listFiles(full, outDir, dangling, inside));
    else if (stat.isFile()) out.push(full);
  }
  return out;
}

/** Points the diagnostic at the pattern as written in the configuration file, when it is found there. */
function atPattern(diagnostic: Diagnostic, configFile: string | undefined, pattern: string): Diagnostic {
  if (configFile === undefined) return diagnostic;
  let text: string;
  try {
    text = readFileSync(configFile, "utf8");
  } catch {
    return diagnostic;
  }
  const quoted = JSON.stringify(pattern);
  const index = text.indexOf(quoted);
  if (index === -1) return diagnostic;
  const before = text.slice(0, index).split("\n");
  return { ...diagnostic, line: before.length, column: before[before.length - 1]!.length + 1, length: quoted.length };
}

/** A glob as a regular expression: `**` any directories, `*` any name part, `?` one character. */
function globMatcher(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
