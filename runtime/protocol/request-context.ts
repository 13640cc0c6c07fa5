import type { ToolDefinition } from "../definition.js";
import { isToolError } from "../errors.js";
import { ErrorCode, RpcError, progressTokenOf, type RequestId } from "./jsonrpc.js";
import type { Session } from "./session.js";
import { ToolCall } from "./tool-call.js";

/**
 * The Context of a resources/read or prompts/get: the same object a tool
 * gets (log, progress, signal, sample, elicit, readResource), named after
 * what was asked for, so logs say where they come from.
 */
export function requestContext(session: Session, id: RequestId, source: string, params: Record<string, unknown>): ToolCall {
  return new ToolCall(session, id, { tool: { name: source } } as unknown as ToolDefinition, progressTokenOf(params));
}

/** Params key under which ctx.readResource passes the calling context (never on the wire). */
export const PARENT_CONTEXT: unique symbol = Symbol("mcpc.parentContext");

/**
 * Runs a resource or prompt function with its Context, tracked like a tool
 * call so notifications/cancelled aborts `ctx.signal`; a ToolError becomes an
 * error with its message for the client.
 */
export async function runWithContext(
  session: Session,
  id: RequestId,
  source: string,
  params: Record<string | symbol, unknown>,
  run: (ctx: ToolCall) => unknown,
): Promise<unknown> {
  const parent = params[PARENT_CONTEXT] as ToolCall | undefined;
  if (parent !== undefined) {
    // ctx.readResource from inside a call: the caller's context (and signal) serves.
    try {
      return await run(parent);
    } catch (error) {
      throw asRpcError(error);
    }
  }
  const ctx = requestContext(session, id, source, params);
  session.trackCall(ctx);
  try {
    return await run(ctx);
  } catch (error) {
    throw asRpcError(error);
  } finally {
    session.untrackCall(ctx);
  }
}

/** A ToolError thrown by a resource or prompt function reaches the client with its message; anything else is masked by the session. */
export function asRpcError(error: unknown): unknown {
  if (error instanceof RpcError) return error;
  if (isToolError(error)) return new RpcError(ErrorCode.InternalError, (error as Error).message);
  return error;
}
