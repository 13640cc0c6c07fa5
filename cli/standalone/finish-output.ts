// What turns the compiler's output into a server that runs where it is put: the assets the code
// reads copied beside it, and (for --bundle and `mcpc bundle`) everything it imports bundled in.
import { appSourceRoot, type BuildResult, type Diagnostic } from "../../compiler/index.js";
import { copyAssets, planAssets, type Asset } from "./assets.js";

export interface FinishRequest {
  /** A build that succeeded (files and the loaded program are there). */
  result: BuildResult;
  /** The directory holding the written output (the output directory, or a staging copy beside it). */
  dir: string;
  projectDir: string;
  /** The `assets` globs of the configuration, and the file they were read from (for locations). */
  assets: readonly string[];
  configFile: string | undefined;
  bundle: boolean;
}

/** The assets a build copies (for `build --check`, which compares them too). */
export function assetsOf(result: BuildResult, projectDir: string, patterns: readonly string[], configFile: string | undefined): { assets: Asset[]; diagnostics: Diagnostic[] } {
  if (patterns.length === 0 || result.loaded === undefined || result.files === undefined) return { assets: [], diagnostics: [] };
  return planAssets(patterns, projectDir, appSourceRoot(result.loaded.program), result.outDir, new Set(result.files.keys()), configFile);
}

export async function finishOutput(request: FinishRequest): Promise<{ assets: Asset[]; diagnostics: Diagnostic[] }> {
  const { result, dir, projectDir } = request;
  const planned = assetsOf(result, projectDir, request.assets, request.configFile);
  if (planned.diagnostics.length > 0) return planned;
  copyAssets(planned.assets, dir);
  if (!request.bundle || result.loaded === undefined) return planned;
  // esbuild and the bundling code load only for a bundle.
  const { bundleServer } = await import("./bundle-server.js");
  const diagnostics = await bundleServer({ dir, emitted: result.files?.keys() ?? [], projectDir, sourceRoot: appSourceRoot(result.loaded.program) });
  return { assets: planned.assets, diagnostics };
}
