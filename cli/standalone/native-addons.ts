// Native addons in a bundle: machine code compiled for one platform, loaded at run time from a path
// esbuild cannot follow (node-gyp-build, bindings). A bundle that includes one builds fine and dies
// at start-up, so each is refused, located at the import that brings it in.
import { createDiagnostic, type Diagnostic, Messages } from "../../compiler/index.js";
import type { Metafile } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { locate, type SourceMapping } from "./bundle-diagnostics.js";

interface PackageInfo {
  dir: string;
  name: string;
  /** Why it is a native addon; undefined when it is not. */
  evidence?: string;
}

export function nativeAddonsIn(metafile: Metafile, mapping: SourceMapping): Diagnostic[] {
  const packages = new Map<string, PackageInfo | undefined>();
  const packageOf = (file: string): PackageInfo | undefined => {
    const inModules = file.lastIndexOf("/node_modules/");
    if (inModules === -1) return undefined;
    for (let dir = dirname(file); dir.length > inModules; dir = dirname(dir)) {
      if (packages.has(dir)) return packages.get(dir);
      const manifest = join(dir, "package.json");
      if (!existsSync(manifest)) continue;
      let json: { name?: unknown; gypfile?: unknown };
      try {
        json = JSON.parse(readFileSync(manifest, "utf8")) as typeof json;
      } catch {
        continue;
      }
      if (typeof json.name !== "string") continue; // a nested package.json that only sets "type"
      const evidence = json.gypfile === true ? `its package.json says "gypfile": true` : existsSync(join(dir, "binding.gyp")) ? "it has a binding.gyp" : undefined;
      const info: PackageInfo = evidence === undefined ? { dir, name: json.name } : { dir, name: json.name, evidence };
      packages.set(dir, info);
      return info;
    }
    return undefined;
  };
  const reported = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const [input, details] of Object.entries(metafile.inputs)) {
    const importer = resolve(mapping.dir, input);
    const importerPackage = packageOf(importer);
    for (const edge of details.imports) {
      if (edge.external) continue;
      const target = packageOf(resolve(mapping.dir, edge.path));
      if (target?.evidence === undefined || target.dir === importerPackage?.dir || reported.has(target.dir)) continue;
      reported.add(target.dir);
      const diagnostic = createDiagnostic(Messages.NativeAddon, { pkg: target.name, evidence: target.evidence }, undefined);
      const quoted = edge.original === undefined ? "" : JSON.stringify(edge.original);
      diagnostics.push(locate(diagnostic, importer, quoted, undefined, mapping));
    }
  }
  return diagnostics;
}
