// The compiler's one public entry: what the CLI, the tests and other tools
// use. Nothing outside compiler/ imports a file behind it.
export { analyze, build, newBuildSession, DEFAULT_OUT_DIR, type AnalysisResult, type BuildResult, type BuildSession, type CompileOptions } from "./compile.js";
export type { LoadedProject } from "./1-load/load-project.js";
export type { ServerInfo } from "./1-load/server-info.js";
export type { Analysis, Features } from "./2-analyze/analysis.js";
export type { ToolSpec, ParameterBinding, ResultKind } from "./2-analyze/tool-spec.js";
export type { ArgumentSpec, PromptSpec, ResourceSpec } from "./2-analyze/feature-spec.js";
export { clientWarnings, CLIENT_RULES, KNOWN_CLIENTS } from "./2-analyze/client-rules.js";
export { manifestOf, toolListing } from "./3-emit/manifest.js";
export { OutputFiles } from "./3-emit/output-files.js";
export { differingFiles } from "./3-emit/write-output.js";
export { APP_DIR, appSourceRoot } from "./3-emit/transpile.js";
export { diffContracts, type ChangeKind, type ContractChange, type ToolScopes } from "./manifest-diff/diff.js";
export type { JsonSchema } from "./schema/json-schema.js";
export { isUserFile } from "./typescript/user-files.js";
export { createDiagnostic, type Diagnostic } from "./diagnostics/diagnostic.js";
export { diagnosticGithub, diagnosticJson, formatDiagnostic, summary, type OutputFormat } from "./diagnostics/format.js";
export { Messages } from "./diagnostics/catalog.js";
export type { FeatureListing, Manifest, ToolListing } from "../runtime/contract.js";
export type { ConfiguredAuth, ServerDefaults } from "../runtime/definition.js";
export { closest, didYouMean } from "./diagnostics/did-you-mean.js";
