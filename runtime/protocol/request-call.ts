import type { Context } from "../context.js";
import { isToolError } from "../errors.js";
import { CallContext } from "./call-context.js";
import type { ServerCore } from "./core.js";
import { ErrorCode, RpcError, errorLine, resultLine, type RequestId } from "./jsonrpc.js";
import { failureLine, type SessionHandle } from "./method-handler.js";

/**
 * One resources/read or prompts/get: runs the user's function with its own
 * Context (logs named after the resource or prompt), bounded by the server's
 * default timeout and stopped by notifications/cancelled like a tool call,
 * and answers with a result or a JSON-RPC error.
 */
export class RequestCall extends CallContext {
  constructor(
    session: SessionHandle,
    id: RequestId,
    core: ServerCore,
    /** The method, for masked error messages (`resources/read failed`). */
    private readonly method: string,
    /** How the call is named to the client, e.g. `Prompt 'greet'`. */
    protected readonly label: string,
    source: string,
    progressToken: RequestId | undefined,
  ) {
    super(session, id, core, source, progressToken);
  }

  /**
   * Runs `run` with this call as its Context and answers with `toJson` of its
   * value. Returns undefined: the call answers the request itself (see MethodHandler).
   */
  answer(run: (ctx: Context) => unknown, toJson: (value: unknown) => string): undefined {
    let outcome: unknown;
    try {
      outcome = run(this);
    } catch (error) {
      this.fail(error);
      return undefined;
    }
    if (outcome !== null && typeof outcome === "object" && typeof (outcome as PromiseLike<unknown>).then === "function") {
      this.goAsync(this.session.options.defaultTimeoutMs);
      (outcome as PromiseLike<unknown>).then(
        (value) => this.finish(value, toJson),
        (error: unknown) => this.fail(error),
      );
      return undefined;
    }
    this.finish(outcome, toJson);
    return undefined;
  }

  private finish(value: unknown, toJson: (value: unknown) => string): void {
    if (!this.settle()) return;
    let line: string;
    try {
      line = resultLine(this.id, toJson(value));
    } catch (error) {
      line = failureLine(this.id, this.method, asRpcError(error), this.session.options);
    }
    this.sendAnswer(line);
  }

  private fail(error: unknown): void {
    if (!this.settle()) return;
    this.sendAnswer(failureLine(this.id, this.method, asRpcError(error), this.session.options));
  }

  protected answerTimeout(message: string): void {
    this.sendAnswer(errorLine(this.id, ErrorCode.InternalError, message));
  }
}

/** A ToolError thrown by a resource or prompt function reaches the client with its message; anything else is masked. */
export function asRpcError(error: unknown): unknown {
  if (error instanceof RpcError) return error;
  if (isToolError(error)) return new RpcError(ErrorCode.InternalError, (error as Error).message);
  return error;
}
