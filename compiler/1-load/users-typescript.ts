// mcpc compiles with its own TypeScript (6.x). A project whose installed
// TypeScript is 5.x has a tsconfig that its own tsc accepts but TypeScript 6
// reads differently: deprecated options (baseUrl, moduleResolution node10…)
// are errors, an outDir without rootDir is an error, and `types` defaults to
// none instead of every package under node_modules/@types. These options make
// TypeScript 6 read the tsconfig as the user's tsc does, so mcpc reports only
// what their tsc would (the project never has to add `ignoreDeprecations`).
import type ts from "typescript";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

/** The major version of the TypeScript installed for the project at `dir`, or undefined when it has none. */
export function installedTypeScriptMajor(dir: string): number | undefined {
  try {
    const manifest = createRequire(join(dir, "package.json")).resolve("typescript/package.json");
    const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown }).version;
    const major = typeof version === "string" ? Number.parseInt(version, 10) : Number.NaN;
    return Number.isInteger(major) ? major : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tsconfig's options as TypeScript 5 reads them, for a project whose own
 * TypeScript is 5.x; unchanged for TypeScript 6 or none installed (then mcpc's
 * TypeScript is the one the user runs through mcpc).
 */
export function asUsersTypeScript(options: ts.CompilerOptions, projectDir: string): ts.CompilerOptions {
  const out: ts.CompilerOptions = { ...options };
  // mcpc writes its own output, so the user's outDir plays no part; without
  // rootDir, TypeScript 6 would ask for one (TS5011) about a layout mcpc never writes.
  if (out.rootDir === undefined) delete out.outDir;
  const major = installedTypeScriptMajor(projectDir);
  if (major === undefined || major >= 6) return out;
  // What 5.x accepts silently and 6.0 deprecates still works in 6.0 once acknowledged.
  out.ignoreDeprecations = "6.0";
  // TypeScript 5 includes every package of node_modules/@types when `types` is not set.
  if (out.types === undefined) out.types = automaticTypes(out, projectDir);
  return out;
}

/** TypeScript 5's automatic type inclusion: every package in the type roots (typeRoots, else node_modules/@types up the tree). */
function automaticTypes(options: ts.CompilerOptions, projectDir: string): string[] {
  const roots = options.typeRoots ?? ancestorTypeRoots(projectDir);
  const names = new Set<string>();
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
      const dir = join(root, entry.name);
      if (existsSync(join(dir, "package.json")) || existsSync(join(dir, "index.d.ts"))) names.add(entry.name);
    }
  }
  return [...names].sort();
}

function ancestorTypeRoots(start: string): string[] {
  const roots: string[] = [];
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    roots.push(join(dir, "node_modules", "@types"));
    if (dirname(dir) === dir) return roots;
  }
}
