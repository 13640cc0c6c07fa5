// Makes `import "mcpc/runtime"` resolve inside this repository the way it does
// in a user's project (node_modules/mcpc), so fixtures and examples compiled
// here run exactly as users' servers do. npm refuses a package depending on
// itself, hence this link.
import { existsSync, lstatSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const link = join(modules, "mcpc");
// Installed as someone's dependency: there is no node_modules of our own to link into.
if (existsSync(modules) && !existsSync(link)) {
  try {
    lstatSync(link);
  } catch {
    mkdirSync(modules, { recursive: true });
    symlinkSync(relative(modules, root), link, "dir");
  }
}
