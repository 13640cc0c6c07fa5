// Preload (`node --import`) for running @modelcontextprotocol/conformance
// 0.1.16 on Node 20: it imports `globSync` from "fs", which Node 20 lacks, so
// the module fails to link before running anything. Only its tier-check
// command calls it. Patching the fs object is too late for ESM linking, so a
// loader hook serves importers a copy of "fs" that adds a stub globSync.
import fs from "node:fs";
import { register } from "node:module";

if (typeof fs.globSync !== "function") {
  const shim = [
    'export * from "node:fs";',
    'import fs from "node:fs";',
    "export default fs;",
    'export function globSync() { throw new Error("fs.globSync needs Node 22"); }',
  ].join("\n");
  const hooks = `
    const SHIM = "mcpc-shim:fs";
    export async function resolve(specifier, context, next) {
      if ((specifier === "fs" || specifier === "node:fs") && context.parentURL && !context.parentURL.startsWith(SHIM)) {
        return { url: SHIM, shortCircuit: true };
      }
      return next(specifier, context);
    }
    export async function load(url, context, next) {
      if (url === SHIM) return { format: "module", source: ${JSON.stringify(shim)}, shortCircuit: true };
      return next(url, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
