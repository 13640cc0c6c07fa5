// The compiler's programmatic API: what the CLI and tests use.
export { analyze, build, DEFAULT_OUT_DIR, type AnalysisResult, type BuildResult, type CompileOptions } from "./compile.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export { formatDiagnostic, summary } from "./diagnostics/format.js";
export { Messages } from "./diagnostics/catalog.js";
