// The seam between the session (which routes) and the method handlers (which
// answer): both sides depend on these interfaces, neither on the other.
import type { AuthInfo } from "../auth/types.js";
import { errorStack } from "../error-stack.js";
import { ErrorCode, RpcError, errorLine, type RequestId } from "./jsonrpc.js";
import type { SessionOptions } from "./session-options.js";

/** A request being served that notifications/cancelled, or the session closing, stops. */
export interface CancellableCall {
  readonly id: RequestId;
  cancel(): void;
}

/** What a method handler sees of the session a request arrived on. */
export interface SessionHandle {
  readonly options: SessionOptions;
  /** The Streamable HTTP session id; undefined over stdio. */
  readonly sessionId?: string;
  readonly closed: boolean;
  /** False when the client's answers cannot come back (stateless HTTP). */
  readonly clientCanAnswer: boolean;
  /** The verified caller of the message being handled (HTTP with authorization sets it around each dispatch). */
  readonly auth?: AuthInfo | undefined;
  protocolVersion: string | undefined;
  clientCapabilities: Record<string, unknown>;
  /** Index into LOG_LEVELS of the least severe level sent. */
  logLevel: number;
  send(line: string, relatedId?: RequestId): void;
  /** Sends a call's answer after its notifications so the client cannot read them in one chunk. */
  sendApart(line: string, relatedId?: RequestId): void;
  notify(method: string, params: unknown, relatedId?: RequestId): void;
  request(method: string, params?: unknown, signal?: AbortSignal, relatedId?: RequestId): Promise<unknown>;
  /** Makes a call that went asynchronous reachable by notifications/cancelled. */
  trackCall(call: CancellableCall): void;
  untrackCall(call: CancellableCall): void;
}

/**
 * Answers one request method. It returns the result as JSON (or a promise of
 * it) for the session to send, throws RpcError for an error answer, or returns
 * undefined when it answers the request itself (a tools/call, which may
 * answer after its progress, or never once cancelled).
 */
export type MethodHandler = (params: Record<string, unknown>, session: SessionHandle, id: RequestId) => string | Promise<string> | undefined;

/**
 * The error line for a handler's failure: an RpcError as it is; anything else
 * is unexpected, so it is logged for the operator and masked for the client
 * unless the server exposes errors.
 */
export function failureLine(id: RequestId, what: string, error: unknown, options: SessionOptions): string {
  if (error instanceof RpcError) return errorLine(id, error.code, error.message, error.data);
  options.logError(`mcpc: ${what} failed: ${errorStack(error)}`);
  const message = options.exposeErrors ? `${what} failed: ${(error as Error)?.message ?? String(error)}` : `${what} failed`;
  return errorLine(id, ErrorCode.InternalError, message);
}
