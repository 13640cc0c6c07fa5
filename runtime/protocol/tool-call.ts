import type { ToolDefinition } from "../definition.js";
import { errorStack } from "../error-stack.js";
import { isToolError } from "../errors.js";
import { CallContext } from "./call-context.js";
import type { ServerCore } from "./core.js";
import { resultLine, type RequestId } from "./jsonrpc.js";
import type { SessionHandle } from "./method-handler.js";
import { ResultError, toolErrorJson, toolResultJson } from "./results.js";
import { describeValidationIssues } from "./validation-message.js";
import { shapeToolResultJson } from "./version-shaping.js";

/**
 * One tools/call: validate the arguments (precompiled Ajv), invoke, bound
 * the time, and answer with a CallToolResult. Every failure of the tool is an
 * `isError` result the model can read; unexpected exceptions are masked.
 */
export class ToolCall extends CallContext {
  constructor(session: SessionHandle, id: RequestId, core: ServerCore, readonly tool: ToolDefinition, progressToken: RequestId | undefined) {
    super(session, id, core, tool.tool.name, progressToken);
  }

  protected get label(): string {
    return `Tool '${this.tool.tool.name}'`;
  }

  start(args: unknown): void {
    const tool = this.tool;
    let valid: boolean;
    try {
      valid = tool.validateInput(args);
    } catch {
      // A recursive schema's validator recurses with the input: arguments
      // nested deeper than the stack allows throw RangeError. Refuse them
      // here, or the request (and the rest of its read) would go unanswered.
      this.markDone();
      this.respond(toolErrorJson(`Invalid arguments for tool '${tool.tool.name}': they are nested too deeply to validate.`));
      return;
    }
    if (!valid) {
      this.markDone();
      this.respond(toolErrorJson(describeValidationIssues(tool.tool.name, tool.validateInput.errors ?? [])));
      return;
    }
    let outcome: unknown;
    try {
      outcome = tool.invoke(args as Record<string, unknown>, this);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (outcome !== null && typeof outcome === "object" && typeof (outcome as PromiseLike<unknown>).then === "function") {
      this.goAsync(tool.timeoutMs ?? this.session.options.defaultTimeoutMs);
      (outcome as PromiseLike<unknown>).then(
        (value) => this.finish(value),
        (error: unknown) => this.fail(error),
      );
      return;
    }
    this.finish(outcome);
  }

  private finish(value: unknown): void {
    if (!this.settle()) return;
    let json: string;
    try {
      json = toolResultJson(this.tool, value, this.session.options);
    } catch (error) {
      // Anything else (String() of a null-prototype object, a too-deep value
      // for the output validator) must still answer the call, not vanish as an
      // unhandled rejection.
      const message =
        error instanceof ResultError ? error.message : `Tool '${this.tool.tool.name}' returned a value that cannot be sent: ${(error as Error)?.message ?? String(error)}`;
      this.session.options.logError(`mcpc: ${message}`);
      json = toolErrorJson(message);
    }
    this.respond(json);
  }

  private fail(error: unknown): void {
    if (!this.settle()) return;
    const name = this.tool.tool.name;
    if (isToolError(error)) {
      this.respond(toolErrorJson((error as Error).message));
      return;
    }
    this.session.options.logError(`mcpc: tool '${name}' threw: ${errorStack(error)}`);
    const detail = this.session.options.exposeErrors ? `: ${(error as Error)?.message ?? String(error)}` : "";
    this.respond(toolErrorJson(`Tool '${name}' failed${detail}`));
  }

  protected answerTimeout(message: string): void {
    this.respond(toolErrorJson(message));
  }

  private respond(resultJson: string): void {
    this.sendAnswer(resultLine(this.id, shapeToolResultJson(resultJson, this.session.protocolVersion)));
  }
}
