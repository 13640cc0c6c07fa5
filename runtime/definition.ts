// The contract between what `mcpc build` emits and the runtime: the emitted
// server.js builds one ServerDefinition and hands it to `startServer`.
import type { ResourceContentKind, ResultKind } from "./contract.js";
import type { Prompt, Resource, ResourceTemplate, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { AuthSettings } from "./auth/options.js";
import type { Context } from "./context.js";

/** One failure reported by an Ajv validator (the fields mcpc reads). */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A precompiled Ajv standalone validator. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

export type { ResourceContentKind, ResultKind } from "./contract.js";

export interface ToolDefinition {
  /** Exactly what tools/list advertises for this tool. */
  tool: Tool;
  validateInput: ValidateFunction;
  validateOutput?: ValidateFunction;
  /** Calls the user's function: named arguments to positions, the context injected. */
  invoke(args: Record<string, unknown>, ctx: Context): unknown;
  result: ResultKind;
  /** The output type holds values (Date, URL) that only match the schema once serialised. */
  outputViaJson?: boolean;
  /** The function takes a Context parameter. */
  usesContext?: boolean;
  /** Per-tool timeout from `@timeout`; the server default applies when absent. */
  timeoutMs?: number;
  /** OAuth scopes a caller needs (`@scope`; all of them). Checked over HTTP with authorization. */
  scopes?: readonly string[];
}

/** Defaults from the project's mcpc configuration; the server's command line and environment override them. */
export interface ServerDefaults {
  exposeErrors?: boolean;
  defaultTimeoutMs?: number;
  maxResultBytes?: number;
  /** The transport to serve when none is chosen at start-up (read by transports that support it). */
  transport?: { type?: "stdio" | "http"; port?: number; host?: string };
  /**
   * Authorization settings (`--public-url`, `--auth-issuer`, …). Never the
   * static token or the client secret: server.js is not a place for secrets,
   * they come from the environment.
   */
  auth?: ConfiguredAuth;
}

/** The authorization settings a project's config may bake in. */
export type ConfiguredAuth = Omit<AuthSettings, "authToken" | "authClientSecret">;

export interface ServerDefinition {
  name: string;
  version: string;
  title?: string;
  instructions?: string;
  tools: ToolDefinition[];
  resources?: ResourceDefinition[];
  resourceTemplates?: ResourceTemplateDefinition[];
  prompts?: PromptDefinition[];
  /** Items per page of the list methods; default 100 (or MCPC_PAGE_SIZE). */
  pageSize?: number;
  /** Settings from the project's mcpc config; the server's flags and environment override them. */
  defaults?: ServerDefaults;
}

/**
 * A template variable or prompt argument: the type its text converts to, the
 * values its literal-union type allows (completed for free), and an optional
 * `@complete` function for dynamic values.
 */
export interface ArgumentDefinition {
  name: string;
  type: "string" | "number" | "integer" | "boolean";
  values?: string[];
  complete?: (value: string, context: { arguments: Record<string, string> }) => unknown;
}

export interface ResourceDefinition {
  /** Exactly what resources/list advertises. */
  resource: Resource;
  read(args: Record<string, unknown>, ctx: Context): unknown;
  contents: ResourceContentKind;
  /** OAuth scopes a caller needs (`@scope`; all of them). */
  scopes?: readonly string[];
}

export interface ResourceTemplateDefinition {
  /** Exactly what resources/templates/list advertises. */
  template: ResourceTemplate;
  variables: ArgumentDefinition[];
  read(args: Record<string, unknown>, ctx: Context): unknown;
  contents: ResourceContentKind;
  /** OAuth scopes a caller needs (`@scope`; all of them). */
  scopes?: readonly string[];
}

export interface PromptDefinition {
  /** Exactly what prompts/list advertises. */
  prompt: Prompt;
  arguments: ArgumentDefinition[];
  get(args: Record<string, unknown>, ctx: Context): unknown;
  /** `text`: a string, sent as one user message; `messages`: PromptMessage[]. */
  result: "text" | "messages";
  /** OAuth scopes a caller needs (`@scope`; all of them). */
  scopes?: readonly string[];
}
