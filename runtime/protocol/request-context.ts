import type { ToolDefinition } from "../definition.js";
import { isToolError } from "../errors.js";
import { ErrorCode, RpcError, type RequestId } from "./jsonrpc.js";
import type { Session } from "./session.js";
import { ToolCall } from "./tool-call.js";

/**
 * The Context of a resources/read or prompts/get: the same object a tool
 * gets (log, progress, signal, sample, elicit, readResource), named after
 * what was asked for, so logs say where they come from.
 */
export function requestContext(session: Session, id: RequestId, source: string, params: Record<string, unknown>): ToolCall {
  const meta = params._meta as Record<string, unknown> | undefined;
  const progressToken = meta !== null && typeof meta === "object" ? (meta.progressToken as RequestId | undefined) : undefined;
  return new ToolCall(session, id, { tool: { name: source } } as unknown as ToolDefinition, progressToken);
}

/** A ToolError thrown by a resource or prompt function reaches the client with its message; anything else is masked by the session. */
export function asRpcError(error: unknown): unknown {
  if (error instanceof RpcError) return error;
  if (isToolError(error)) return new RpcError(ErrorCode.InternalError, (error as Error).message);
  return error;
}
