import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface PackageInfo {
  /** The folder holding mcpc's package.json (dist/ and the runtime's declarations are below it). */
  root: string;
  version: string;
}

let ownPackage: PackageInfo | undefined;

/**
 * mcpc's own package, found upward from this module (whether it runs from
 * dist/ or from the sources under test): the runtime the output carries and
 * the types of `mcpc/runtime` when the user's project has not installed mcpc.
 */
export function mcpcPackage(): PackageInfo {
  if (ownPackage !== undefined) return ownPackage;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (json.name === "mcpc") return (ownPackage = { root: dir, version: json.version ?? "0.0.0" });
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find mcpc's own package.json above the compiler");
    dir = parent;
  }
}
