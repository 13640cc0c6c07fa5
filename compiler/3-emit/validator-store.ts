// Compiled validators kept on disk between builds of one output directory.
// Ajv's code generation is the largest cost of `mcpc build` after
// TypeScript's own work (~0.8 ms a schema, 360 schemas at 200 tools): a
// build that finds a schema's code from the last build of the same output
// reuses it. A validator's code depends only on its schema's text, Ajv's and
// ajv-formats' versions, and the code that drives them (validators.ts,
// runtime-copy.ts), so the store is keyed by all four and a change to any one
// starts it afresh: what a build writes is what a build without the store
// writes, byte for byte.
//
// The store sits in the project's node_modules/.cache/mcpc (as other build
// tools keep theirs), one file per output directory holding only the last
// build's validators, so it never grows past one build. It is an
// optimisation only: an unreadable, foreign or corrupt store is ignored, a
// failed write leaves the build as it was. MCPC_VALIDATOR_CACHE=off turns it
// off.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TrackedValidatorCache } from "./tracked-validators.js";

const require = createRequire(import.meta.url);

interface StoreFile {
  fingerprint: string;
  validators: Record<string, string>;
}

/** The store of the last build into `outDir`, or an empty cache when there is none (or it is off). */
export function loadValidatorStore(outDir: string): TrackedValidatorCache {
  const path = storePath(outDir);
  if (path === undefined) return new TrackedValidatorCache();
  try {
    const stored = JSON.parse(readFileSync(path, "utf8")) as StoreFile;
    if (stored.fingerprint !== fingerprint() || typeof stored.validators !== "object" || stored.validators === null) return new TrackedValidatorCache();
    return new TrackedValidatorCache(Object.entries(stored.validators).filter(([, code]) => typeof code === "string"));
  } catch {
    return new TrackedValidatorCache();
  }
}

/** Keeps this build's validators for the next build into `outDir` (only when they differ from what was loaded). */
export function saveValidatorStore(outDir: string, cache: TrackedValidatorCache): void {
  const used = cache.usedByThisBuild();
  if (cache.added === 0 && used.length === cache.size) return;
  const path = storePath(outDir);
  if (path === undefined) return;
  const validators: Record<string, string> = {};
  for (const text of used) validators[text] = Map.prototype.get.call(cache, text) as string;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ fingerprint: fingerprint(), validators } satisfies StoreFile));
    renameSync(temporary, path);
  } catch {
    // A read-only node_modules: the next build compiles again.
  }
}

/** node_modules/.cache/mcpc/validators-<output dir's hash>.json in the nearest node_modules above the output. */
function storePath(outDir: string): string | undefined {
  if (process.env.MCPC_VALIDATOR_CACHE === "off") return undefined;
  for (let dir = dirname(outDir); ; dir = dirname(dir)) {
    const modules = join(dir, "node_modules");
    if (existsSync(modules)) return join(modules, ".cache", "mcpc", `validators-${hash(outDir).slice(0, 16)}.json`);
    if (dirname(dir) === dir) return undefined;
  }
}

let knownFingerprint: string | undefined;

/** What a validator's code depends on besides its schema: Ajv's and ajv-formats' versions and mcpc's code that drives them. */
function fingerprint(): string {
  if (knownFingerprint !== undefined) return knownFingerprint;
  const versions = ["ajv/package.json", "ajv-formats/package.json"].map((p) => (require(p) as { version: string }).version);
  // Beside this module, with its extension: .js when built, .ts when the tests run the sources.
  const extension = extname(fileURLToPath(import.meta.url));
  const drivers = ["validators", "runtime-copy"].map((name) => readFileSync(fileURLToPath(new URL(`./${name}${extension}`, import.meta.url)), "utf8"));
  knownFingerprint = hash([...versions, ...drivers].join("\0"));
  return knownFingerprint;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
