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

/** True for a ToolError, also one created by another copy of the runtime. */
export function isToolError(error: unknown): error is Error {
  return error instanceof ToolError || (error instanceof Error && error.name === "ToolError");
}
