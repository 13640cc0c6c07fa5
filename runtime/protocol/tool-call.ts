import type { AuthInfo } from "../auth/types.js";
import type { Context, Elicited, Logger } from "../context.js";
import { LOG_LEVELS } from "../context.js";
import type { ToolDefinition } from "../definition.js";
import { ToolError, isToolError } from "../errors.js";
import { resultLine, type RequestId } from "./jsonrpc.js";
import { ResultError, toolErrorJson, toolResultJson } from "./results.js";
import type { Session } from "./session.js";
import { describeValidationIssues } from "./validation-message.js";
import { formAnswerProblem, type FormSchema } from "./form-check.js";
import { PARENT_CONTEXT } from "./request-context.js";

const STATELESS_REQUEST = "This server runs stateless (--stateless): a tool cannot ask the client for sampling or elicitation.";

/**
 * One tools/call from arrival to answer. It is also the tool's Context, so a
 * call costs one object; the AbortController and logger are made only when a
 * tool asks for them.
 */
export class ToolCall implements Context {
  private done = false;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private logger: Logger | undefined;
  /** Progress was reported: the answer must reach the client after it. */
  private progressSent = false;
  /** The caller of the request that started this call (a later request of the session may carry another token). */
  readonly auth: AuthInfo | undefined;

  constructor(
    readonly session: Session,
    readonly id: RequestId,
    readonly tool: ToolDefinition,
    private readonly progressToken: RequestId | undefined,
  ) {
    this.auth = session.auth;
  }

  get requestId(): RequestId {
    return this.id;
  }

  get sessionId(): string | undefined {
    return this.session.sessionId;
  }

  get signal(): AbortSignal {
    return (this.controller ??= new AbortController()).signal;
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
      this.done = true;
      this.respond(toolErrorJson(`Invalid arguments for tool '${tool.tool.name}': they are nested too deeply to validate.`));
      return;
    }
    if (!valid) {
      this.done = true;
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
      this.session.trackCall(this);
      const timeoutMs = tool.timeoutMs ?? this.session.options.defaultTimeoutMs;
      if (timeoutMs > 0) this.timer = setTimeout(() => this.timeOut(timeoutMs), timeoutMs);
      (outcome as PromiseLike<unknown>).then(
        (value) => this.finish(value),
        (error: unknown) => this.fail(error),
      );
      return;
    }
    this.finish(outcome);
  }

  private settle(): boolean {
    if (this.done) return false;
    this.done = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.session.untrackCall(this);
    return true;
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
    this.session.options.logError(`mcpc: tool '${name}' threw: ${(error as Error)?.stack ?? String(error)}`);
    const detail = this.session.options.exposeErrors ? `: ${(error as Error)?.message ?? String(error)}` : "";
    this.respond(toolErrorJson(`Tool '${name}' failed${detail}`));
  }

  /** notifications/cancelled: abort the function's signal and never answer. */
  cancel(): void {
    if (!this.settle()) return;
    this.controller?.abort(new ToolError("The client cancelled the request"));
  }

  private timeOut(timeoutMs: number): void {
    if (!this.settle()) return;
    const seconds = timeoutMs / 1000;
    const message = `Tool '${this.tool.tool.name}' timed out after ${seconds} s and was cancelled.`;
    this.controller?.abort(new ToolError(message));
    this.respond(toolErrorJson(message));
  }

  private respond(resultJson: string): void {
    if (this.session.closed) return;
    const line = resultLine(this.id, resultJson);
    if (!this.progressSent || !this.session.clientCanAnswer) {
      this.session.send(line, this.id);
      return;
    }
    // The SDK client handles notifications a microtask after responses, and
    // forgets a request's progress handler once its response is handled: a
    // progress notification read together with the response is dropped. A
    // ping round trip proves the client has handled everything sent before.
    const answered = this.session.request("ping", undefined, undefined, this.id).catch(() => undefined);
    const bound = new Promise((resolve) => setTimeout(resolve, 1000).unref?.());
    void Promise.race([answered, bound]).then(() => this.session.send(line, this.id));
  }

  // --- Context -------------------------------------------------------------

  get log(): Logger {
    return (this.logger ??= {
      debug: (message, data) => this.sendLog(0, message, data),
      info: (message, data) => this.sendLog(1, message, data),
      notice: (message, data) => this.sendLog(2, message, data),
      warning: (message, data) => this.sendLog(3, message, data),
      error: (message, data) => this.sendLog(4, message, data),
    });
  }

  private sendLog(level: number, message: string, data: unknown): void {
    if (level < this.session.logLevel || this.session.closed) return;
    this.session.notify("notifications/message", {
      level: LOG_LEVELS[level],
      logger: this.tool.tool.name,
      data: data === undefined ? message : { message, data },
    }, this.id);
  }

  progress(progress: number, total?: number, message?: string): Promise<void> {
    if (this.progressToken === undefined || this.done) return Promise.resolve();
    const params: Record<string, unknown> = { progressToken: this.progressToken, progress };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    this.progressSent = true;
    this.session.notify("notifications/progress", params, this.id);
    return Promise.resolve();
  }

  sample(params: Record<string, unknown>): Promise<unknown> {
    return this.clientRefusal("sampling") ?? this.session.request("sampling/createMessage", params, this.signal, this.id);
  }

  elicit(params: Record<string, unknown>): Promise<unknown>;
  elicit<T>(message: string): Promise<Elicited<T>>;
  /** `requestedSchema` is added by the compiler to `ctx.elicit<T>(message)` calls. */
  elicit(paramsOrMessage: Record<string, unknown> | string, requestedSchema?: unknown): Promise<unknown> {
    const refused = this.clientRefusal("elicitation");
    if (refused !== undefined) return refused;
    if (typeof paramsOrMessage !== "string") return this.session.request("elicitation/create", paramsOrMessage, this.signal, this.id);
    if (requestedSchema === undefined) {
      return Promise.reject(new Error("ctx.elicit(message) was called without the schema mcpc adds at compile time: write ctx.elicit<YourType>(message) in a file mcpc compiles"));
    }
    const params = { message: paramsOrMessage, requestedSchema };
    return this.session.request("elicitation/create", params, this.signal, this.id).then((answer) => {
      const a = answer as { action?: unknown; content?: unknown };
      if (a?.action !== "accept") return answer;
      const problem = formAnswerProblem(requestedSchema as FormSchema, a.content);
      if (problem !== undefined) throw new ToolError(`The client's answer to the form does not match it: ${problem}.`);
      return answer;
    });
  }

  /** Why the client cannot be asked for this (stateless server, or not declared by the client), as a rejection; undefined if it can. */
  private clientRefusal(capability: "sampling" | "elicitation"): Promise<never> | undefined {
    if (!this.session.clientCanAnswer) return Promise.reject(new ToolError(STATELESS_REQUEST));
    if (this.session.clientCapabilities[capability] === undefined) {
      return Promise.reject(new ToolError(`The connected client does not support ${capability}.`));
    }
    return undefined;
  }

  async readResource(uri: string): Promise<unknown> {
    const read = this.session.core.methods.get("resources/read");
    if (read === undefined) throw new ToolError("This server has no resources.");
    return JSON.parse(await read({ uri, [PARENT_CONTEXT]: this } as Record<string, unknown>, this.session, this.id));
  }
}
