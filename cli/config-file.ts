// Project configuration: the `mcpc` key of package.json or mcpc.config.json,
// read from the directory mcpc runs in. Flags override it. Unknown keys are
// errors: a misspelt `outdir` silently ignored would emit somewhere else.
import { createDiagnostic, type Diagnostic, Messages } from "../compiler/index.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface TransportConfig {
  type?: "stdio" | "http";
  port?: number;
  host?: string;
}

/**
 * The emitted server's authorization settings (docs/http.md, "Authorization"),
 * named as its flags without the `--auth-` prefix. The static token and the
 * client secret are refused here: the config is compiled into server.js.
 */
export interface AuthConfig {
  publicUrl?: string;
  issuer?: string;
  jwks?: string;
  audience?: string[];
  algorithms?: string[];
  clockSkew?: number;
  introspect?: string;
  clientId?: string;
}

export interface McpcConfig {
  entry?: string[];
  outDir?: string;
  tsconfig?: string;
  name?: string;
  version?: string;
  /** Default transport of the emitted server (its command line and environment still win). */
  transport?: TransportConfig;
  /** Default authorization settings of the emitted server (its command line and environment still win). */
  auth?: AuthConfig;
  /** Send messages of unexpected exceptions to the client instead of masking them. */
  exposeErrors?: boolean;
  /** Default tool timeout in milliseconds (0: none). */
  timeoutMs?: number;
  /** Largest serialised tool result in bytes. */
  maxResultBytes?: number;
  /** Clients `mcpc check` checks schemas against by default. */
  clients?: string[];
  /** Also emit the typed client module (client.js, client.d.ts). */
  client?: boolean;
  /** Files the code reads at run time: globs relative to the project, copied into the output. */
  assets?: string[];
}

export interface LoadedConfig {
  config: McpcConfig;
  /** Where it came from, for messages; undefined when there is none. */
  file?: string;
  diagnostics: Diagnostic[];
}

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string");
const isBoolean: Check = (v) => (typeof v === "boolean" ? undefined : "true or false");
const isCount: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? undefined : "a whole number ≥ 0");
const isStrings: Check = (v) =>
  (typeof v === "string" && v !== "") || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && x !== ""))
    ? undefined
    : "a file path or a list of file paths";
const isStringList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? undefined : "a list of strings");

const TRANSPORT_KEYS: Record<string, Check> = {
  type: (v) => (v === "stdio" || v === "http" ? undefined : `"stdio" or "http"`),
  port: (v) => (typeof v === "number" && Number.isInteger(v) && v > 0 && v < 65536 ? undefined : "a port number (1-65535)"),
  host: isString,
};

const isUrl: Check = (v) => (typeof v === "string" && URL.canParse(v) ? undefined : "an absolute URL");
const isList: Check = (v) => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && x !== "") ? undefined : "a list of strings");
/** Secrets never go into a file that is compiled into server.js (and usually committed): the variable to use instead. */
const SECRET_AUTH_KEYS: Record<string, string> = { token: "MCPC_AUTH_TOKEN", clientSecret: "MCPC_AUTH_CLIENT_SECRET" };

const AUTH_KEYS: Record<string, Check> = {
  publicUrl: isUrl,
  issuer: isUrl,
  jwks: isUrl,
  audience: isList,
  algorithms: isList,
  clockSkew: isCount,
  introspect: isUrl,
  clientId: isString,
};

const KEYS: Record<string, Check> = {
  entry: isStrings,
  outDir: isString,
  tsconfig: isString,
  name: isString,
  version: isString,
  transport: (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? undefined : `an object such as { "type": "http", "port": 3000 }`),
  auth: (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? undefined : `an object such as { "publicUrl": "https://mcp.example.com", "issuer": "https://issuer.example.com" }`),
  exposeErrors: isBoolean,
  timeoutMs: isCount,
  maxResultBytes: isCount,
  clients: isStringList,
  client: isBoolean,
  assets: isStringList,
};

export const CONFIG_FILE = "mcpc.config.json";

/** Finds and validates the configuration of the project in `cwd` (or the file given with --config). */
export function loadConfig(cwd: string, explicitFile?: string): LoadedConfig {
  const candidates: Array<{ file: string; raw: unknown; text: string }> = [];
  const diagnostics: Diagnostic[] = [];
  const read = (file: string, pick: (json: Record<string, unknown>) => unknown): void => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      diagnostics.push(createDiagnostic(Messages.ConfigUnreadable, { file, message: (error as Error).message }, { path: file }));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      diagnostics.push(createDiagnostic(Messages.ConfigUnreadable, { file, message: (error as Error).message }, { path: file }));
      return;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      diagnostics.push(createDiagnostic(Messages.ConfigUnreadable, { file, message: "it is not a JSON object" }, { path: file }));
      return;
    }
    const raw = pick(json as Record<string, unknown>);
    if (raw !== undefined) candidates.push({ file, raw, text });
  };
  if (explicitFile !== undefined) {
    const file = join(cwd, explicitFile);
    read(file, (json) => (explicitFile.endsWith("package.json") ? (json.mcpc ?? {}) : json));
  } else {
    const configFile = join(cwd, CONFIG_FILE);
    const packageFile = join(cwd, "package.json");
    if (existsSync(configFile)) read(configFile, (json) => json);
    if (existsSync(packageFile)) read(packageFile, (json) => json.mcpc);
  }
  if (diagnostics.length > 0) return { config: {}, diagnostics };
  if (candidates.length === 0) return { config: {}, diagnostics };
  if (candidates.length > 1) {
    const [a, b] = candidates as [(typeof candidates)[0], (typeof candidates)[0]];
    return { config: {}, diagnostics: [createDiagnostic(Messages.ConfigInTwoPlaces, { first: a.file, second: `the "mcpc" key of ${b.file}` }, { path: b.file })] };
  }
  const { file, raw, text } = candidates[0]!;
  return { ...validate(raw, file, text), file };
}

function validate(raw: unknown, file: string, text: string): { config: McpcConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    diagnostics.push(createDiagnostic(Messages.ConfigUnreadable, { file, message: "the configuration is not a JSON object" }, { path: file }));
    return { config: {}, diagnostics };
  }
  const check = (table: Record<string, Check>, object: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(object)) {
      const path = `${prefix}${key}`;
      const validator = table[key];
      if (table === AUTH_KEYS && SECRET_AUTH_KEYS[key] !== undefined) {
        // Named without its value: the point is not to spread the secret further.
        diagnostics.push(at(createDiagnostic(Messages.ConfigSecret, { key: path, variable: SECRET_AUTH_KEYS[key] }, { path: file }), text, key));
        continue;
      }
      if (validator === undefined) {
        diagnostics.push(at(createDiagnostic(Messages.ConfigUnknownKey, { key: path, known: Object.keys(table).join(", ") }, { path: file }), text, key));
        continue;
      }
      const expected = validator(value);
      if (expected !== undefined) diagnostics.push(at(createDiagnostic(Messages.ConfigInvalidValue, { key: path, expected, got: JSON.stringify(value) }, { path: file }), text, key));
    }
  };
  const object = raw as Record<string, unknown>;
  check(KEYS, object, "");
  if (typeof object.transport === "object" && object.transport !== null && !Array.isArray(object.transport)) {
    check(TRANSPORT_KEYS, object.transport as Record<string, unknown>, "transport.");
  }
  if (typeof object.auth === "object" && object.auth !== null && !Array.isArray(object.auth)) {
    check(AUTH_KEYS, object.auth as Record<string, unknown>, "auth.");
  }
  if (diagnostics.length > 0) return { config: {}, diagnostics };
  const config = { ...object } as McpcConfig & { entry?: string | string[] };
  if (typeof config.entry === "string") config.entry = [config.entry];
  return { config: config as McpcConfig, diagnostics };
}

/** Points the diagnostic at the first `"key"` in the file, so editors and CI annotations land on the line. */
function at(diagnostic: Diagnostic, text: string, key: string): Diagnostic {
  const index = text.indexOf(JSON.stringify(key));
  if (index === -1) return diagnostic;
  const before = text.slice(0, index).split("\n");
  diagnostic.line = before.length;
  diagnostic.column = before[before.length - 1]!.length + 1;
  diagnostic.length = JSON.stringify(key).length;
  return diagnostic;
}
