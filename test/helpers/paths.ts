import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = join(ROOT, "fixtures");
/** Build output of tests: inside the repository, so `mcpc/runtime` resolves as in a user's project. */
export const OUT = join(ROOT, ".out");
export const CLI = join(ROOT, "bin", "mcpc.js");
