import { rmSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildResult } from "../../compiler/index.js";
import { formatDiagnostic } from "../../compiler/diagnostics/format.js";
import { OUT, ROOT } from "./paths.js";

/** Compiles a fixture entry into `.out/<name>` and fails loudly on any diagnostic. */
export async function buildFixture(entry: string, name: string): Promise<BuildResult & { serverPath: string }> {
  const outDir = join(OUT, name);
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({ entries: [entry], cwd: ROOT, outDir });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new Error(errors.map((d) => formatDiagnostic(d, { cwd: ROOT, pretty: false, colors: false })).join("\n"));
  }
  return { ...result, serverPath: join(outDir, "server.js") };
}
