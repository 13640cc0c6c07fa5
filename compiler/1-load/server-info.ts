import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ServerDefaults } from "../../runtime/definition.js";

/** The server's name and version as it announces them at initialize, and its baked-in defaults. */
export interface ServerInfo {
  name: string;
  version: string;
  /** Runtime defaults from the project's configuration. */
  defaults?: ServerDefaults;
}

/** What the caller fixed; the rest comes from the project's package.json. */
export interface ServerIdentity {
  name?: string;
  version?: string;
  serverDefaults?: ServerDefaults;
}

/** Name and version from the options, else from the package.json nearest the first entry. */
export function readServerInfo(identity: ServerIdentity, firstEntry: string, cwd: string): ServerInfo {
  let dir = dirname(firstEntry);
  let pkg: { name?: string; version?: string } = {};
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      try {
        pkg = JSON.parse(readFileSync(candidate, "utf8"));
      } catch {
        pkg = {};
      }
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const defaults = identity.serverDefaults;
  return {
    name: identity.name ?? pkg.name ?? basename(cwd),
    version: identity.version ?? pkg.version ?? "0.0.0",
    ...(defaults !== undefined && Object.keys(defaults).length > 0 ? { defaults } : {}),
  };
}
