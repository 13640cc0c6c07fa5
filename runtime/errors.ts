/**
 * An error whose message is meant for the model. Throw it from a tool and the
 * client receives an `isError` result carrying exactly this message, so the
 * model can correct itself. Any other exception is masked (see `exposeErrors`).
 */
export class ToolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ToolError";
  }
}

/**
 * The client refused a request the tool made of it (sampling, elicitation):
 * it answered with a JSON-RPC error, e.g. "User rejected sampling request".
 * An expected outcome a tool may catch (`instanceof ClientRefusedError`); left
 * uncaught, the model reads the client's message as the tool's error.
 */
export class ClientRefusedError extends ToolError {
  constructor(
    message: string,
    /** What was asked: `sampling/createMessage` or `elicitation/create`. */
    readonly method: string,
    /** The client's JSON-RPC error code. */
    readonly code: number,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = "ClientRefusedError";
  }
}

const MODEL_FACING = new Set(["ToolError", "ClientRefusedError"]);

/** True for a ToolError (a ClientRefusedError included), also one created by another copy of the runtime. */
export function isToolError(error: unknown): error is Error {
  return error instanceof ToolError || (error instanceof Error && MODEL_FACING.has(error.name));
}
