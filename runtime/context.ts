import type {
  CreateMessageRequestParamsBase,
  CreateMessageRequestParamsWithTools,
  CreateMessageResult,
  CreateMessageResultWithTools,
  ElicitRequest,
  ElicitResult,
  LoggingLevel,
  ReadResourceResult,
  RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import type { AuthInfo } from "./auth/types.js";

/**
 * What a tool can reach of the request that called it. Declare a parameter of
 * this type anywhere in a tool's signature and mcpc injects it; it never
 * appears in the tool's input schema.
 */
export interface Context {
  /**
   * The JSON-RPC id of the request being served, typed as the protocol's. An
   * integer id beyond 2^53, which a number cannot hold exactly, is given as its
   * decimal digits (the answer on the wire still carries the integer as sent).
   */
  readonly requestId: RequestId;
  /** The session id over Streamable HTTP; undefined over stdio. */
  readonly sessionId: string | undefined;
  /**
   * The verified caller over HTTP with authorization (`--auth-issuer`,
   * `--auth-introspect` or the static token); undefined over stdio or without it.
   */
  readonly auth?: AuthInfo | undefined;
  /** Fires when the client cancels the request or the tool's timeout passes. */
  readonly signal: AbortSignal;
  /** Log to the client (`notifications/message`), honouring `logging/setLevel`. */
  readonly log: Logger;
  /**
   * Report progress (`notifications/progress`). Sent only when the request
   * carried a progress token; otherwise a no-op.
   */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /**
   * Ask the client's model for a completion (`sampling/createMessage`), typed
   * as the protocol defines it (the SDK's types, as its `Server.createMessage`
   * has them): the answer's `content` is one text, image or audio block;
   * with `tools` in the request it may also be tool calls, or an array of blocks.
   */
  sample(params: CreateMessageRequestParamsBase): Promise<CreateMessageResult>;
  sample(params: CreateMessageRequestParamsWithTools): Promise<CreateMessageResultWithTools>;
  /**
   * Ask the user for input (`elicitation/create`, form mode). With a type
   * argument, `ctx.elicit<{ name: string; age?: number }>("Who are you?")`,
   * mcpc builds the requested schema from the type at compile time and the
   * answer's content has that type. With an object, the params are sent as given.
   */
  elicit<T extends object>(message: string): Promise<Elicited<T>>;
  elicit(params: ElicitRequest["params"]): Promise<ElicitResult>;
  /** Read one of this server's own resources: the `resources/read` result a client would get. */
  readResource(uri: string): Promise<ReadResourceResult>;
}

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  notice(message: string, data?: unknown): void;
  warning(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** Syslog severities in the order the spec gives them, least severe first. */
export const LOG_LEVELS: readonly LoggingLevel[] = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
];

/** The user's answer to a typed `ctx.elicit<T>(message)`. */
export type Elicited<T> = { action: "accept"; content: T } | { action: "decline" | "cancel"; content?: undefined };
