// Builds what the contenders run: the mcpc server from contenders/mcpc/tools.ts
// (with the compiler in dist/, so `npm run build` first), and the floor's
// precompiled Ajv standalone validators from the very schemas mcpc emitted.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(BENCH, "..");
export const BUILD = join(BENCH, ".build");

export function buildContenders() {
  mkdirSync(BUILD, { recursive: true });
  // `npm install` prunes the self-link that lets emitted servers import mcpc/runtime.
  execFileSync(process.execPath, [join(ROOT, "scripts/link-self.js")]);
  const mcpcOut = join(BUILD, "mcpc");
  execFileSync(process.execPath, [join(ROOT, "bin/mcpc.js"), "build", "bench/contenders/mcpc/tools.ts", "--out", mcpcOut, "--name", "bench-mcpc"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const floorOut = join(BUILD, "floor");
  mkdirSync(floorOut, { recursive: true });
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  const addFormats = require("ajv-formats").default;
  const standaloneCode = require("ajv/dist/standalone").default;
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true } });
  addFormats(ajv);
  const manifest = JSON.parse(readFileSync(join(mcpcOut, "manifest.json"), "utf8"));
  const refs = {};
  for (const tool of manifest.tools) {
    ajv.addSchema(tool.inputSchema, tool.name);
    refs[tool.name] = tool.name;
  }
  writeFileSync(join(floorOut, "validators.cjs"), standaloneCode(ajv, refs));
  writeFileSync(join(floorOut, "tools-list.json"), JSON.stringify({ tools: manifest.tools }));
  return { mcpcServer: join(mcpcOut, "server.js"), floorDir: floorOut };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(buildContenders());
}
