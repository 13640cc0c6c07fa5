// The contract between what `mcpc build` emits and the runtime: the emitted
// server.js builds one ServerDefinition and hands it to `startServer`.
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
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

/**
 * How a function's return value becomes a CallToolResult, decided by the
 * compiler from the declared return type:
 * - `text`: a string, sent as one text block;
 * - `structured`: an object, sent as structuredContent plus the same JSON as text;
 * - `wrapped`: any other JSON value, sent as structuredContent `{ result }`;
 * - `void`: nothing, sent as empty content;
 * - `content`: content blocks made with the runtime's helpers.
 */
export type ResultKind = "text" | "structured" | "wrapped" | "void" | "content";

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
}

/** Defaults from the project's mcpc configuration; the server's command line and environment override them. */
export interface ServerDefaults {
  exposeErrors?: boolean;
  defaultTimeoutMs?: number;
  maxResultBytes?: number;
  /** The transport to serve when none is chosen at start-up (read by transports that support it). */
  transport?: { type?: "stdio" | "http"; port?: number; host?: string };
}

export interface ServerDefinition {
  name: string;
  version: string;
  title?: string;
  instructions?: string;
  tools: ToolDefinition[];
  defaults?: ServerDefaults;
}
