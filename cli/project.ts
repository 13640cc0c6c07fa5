// Turns flags plus the project's configuration into compile options: the one
// place where "flags override configuration" is decided.
import { type CompileOptions, createDiagnostic, type Diagnostic, Messages, type ConfiguredAuth, type ServerDefaults } from "../compiler/index.js";
import { stringOption, type OptionTable, type OptionValues } from "./arguments.js";
import { loadConfig, type AuthConfig, type McpcConfig } from "./config-file.js";

/** Options of every command that reads the project (check and list write nothing, so take only these). */
export const ANALYSIS_OPTIONS: OptionTable = { tsconfig: "string", config: "string" };

export const ANALYSIS_OPTIONS_HELP = `  --tsconfig, -p <file>   tsconfig.json to use (default: the nearest one)
  --config <file>         configuration file (default: mcpc.config.json or the
                          "mcpc" key of package.json in the current directory)`;

/** Options of every command that builds the server. */
export const PROJECT_OPTIONS: OptionTable = {
  ...ANALYSIS_OPTIONS,
  out: "string",
  name: "string",
  "server-version": "string",
  client: "boolean",
};

export const PROJECT_OPTIONS_HELP = `  --out, -o <dir>         output directory (default: mcp-server)
${ANALYSIS_OPTIONS_HELP}
  --name <name>           server name (default: package.json name)
  --server-version <v>    server version (default: package.json version)
  --client                also emit client.js + client.d.ts: one typed async
                          function per tool, on top of the SDK's Client`;

export interface ProjectSetup {
  options: CompileOptions;
  config: McpcConfig;
  /** The file the configuration came from, for locations; undefined when there is none. */
  configFile?: string;
  /** Configuration errors: the command exits 2 with these. */
  diagnostics: Diagnostic[];
}

export function resolveProject(positionals: string[], flags: OptionValues, cwd: string): ProjectSetup {
  const loaded = loadConfig(cwd, stringOption(flags, "config"));
  if (loaded.diagnostics.length > 0) return { options: { entries: [], cwd }, config: {}, diagnostics: loaded.diagnostics };
  const config = loaded.config;
  const entries = positionals.length > 0 ? positionals : (config.entry ?? []);
  if (entries.length === 0) return { options: { entries, cwd }, config, diagnostics: [createDiagnostic(Messages.NoEntry, {}, undefined)] };
  const options: CompileOptions = { entries, cwd };
  const outDir = stringOption(flags, "out") ?? config.outDir;
  if (outDir !== undefined) options.outDir = outDir;
  const tsconfig = stringOption(flags, "tsconfig") ?? config.tsconfig;
  if (tsconfig !== undefined) options.tsconfig = tsconfig;
  const name = stringOption(flags, "name") ?? config.name;
  if (name !== undefined) options.name = name;
  const version = stringOption(flags, "server-version") ?? config.version;
  if (version !== undefined) options.version = version;
  const client = typeof flags.client === "boolean" ? flags.client : config.client;
  if (client !== undefined) options.client = client;
  const defaults: ServerDefaults = {};
  if (config.exposeErrors !== undefined) defaults.exposeErrors = config.exposeErrors;
  if (config.timeoutMs !== undefined) defaults.defaultTimeoutMs = config.timeoutMs;
  if (config.maxResultBytes !== undefined) defaults.maxResultBytes = config.maxResultBytes;
  if (config.transport !== undefined) defaults.transport = config.transport;
  if (config.auth !== undefined) defaults.auth = configuredAuth(config.auth);
  if (Object.keys(defaults).length > 0) options.serverDefaults = defaults;
  return loaded.file === undefined ? { options, config, diagnostics: [] } : { options, config, configFile: loaded.file, diagnostics: [] };
}

/** The config file's `auth` keys as the server's option keys. */
function configuredAuth(auth: AuthConfig): ConfiguredAuth {
  const out: ConfiguredAuth = {};
  if (auth.publicUrl !== undefined) out.publicUrl = auth.publicUrl;
  if (auth.issuer !== undefined) out.authIssuer = auth.issuer;
  if (auth.jwks !== undefined) out.authJwks = auth.jwks;
  if (auth.audience !== undefined) out.authAudience = auth.audience;
  if (auth.algorithms !== undefined) out.authAlgorithms = auth.algorithms;
  if (auth.clockSkew !== undefined) out.authClockSkew = auth.clockSkew;
  if (auth.introspect !== undefined) out.authIntrospect = auth.introspect;
  if (auth.clientId !== undefined) out.authClientId = auth.clientId;
  return out;
}
