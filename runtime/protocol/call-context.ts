import type {
  CreateMessageRequest,
  CreateMessageRequestParamsBase,
  CreateMessageRequestParamsWithTools,
  CreateMessageResult,
  CreateMessageResultWithTools,
  ElicitRequest,
  ElicitResult,
  ReadResourceResult,
} from "@modelcontextprotocol/sdk/types.js";
import type { AuthInfo } from "../auth/types.js";
import type { Context, Elicited, Logger } from "../context.js";
import { LOG_LEVELS } from "../context.js";
import { ClientRefusedError, ToolError } from "../errors.js";
import type { ServerCore } from "./core.js";
import { formAnswerProblem, type FormSchema } from "./form-check.js";
import { RpcError, type RequestId } from "./jsonrpc.js";
import type { CancellableCall, SessionHandle } from "./method-handler.js";

const STATELESS_REQUEST = "This server runs stateless (--stateless): a tool cannot ask the client for sampling or elicitation.";

/**
 * A request that runs a user's function (tools/call, resources/read,
 * prompts/get), from arrival to answer. It is also the function's Context, so
 * a call costs one object; the AbortController and logger are made only when
 * the function asks for them. Subclasses say how the function is run and how
 * its outcome is answered; the time bound, cancellation and the order of the
 * answer after progress are the same for all.
 */
export abstract class CallContext implements Context, CancellableCall {
  private done = false;
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private logger: Logger | undefined;
  /** Progress was reported: the answer must reach the client after it. */
  private progressSent = false;
  /** The caller of the request that started this call (a later request of the session may carry another token). */
  readonly auth: AuthInfo | undefined;

  constructor(
    readonly session: SessionHandle,
    readonly id: RequestId,
    protected readonly core: ServerCore,
    /** What was asked for (tool or prompt name, resource URI): the logger's name. */
    readonly source: string,
    private readonly progressToken: RequestId | undefined,
  ) {
    this.auth = session.auth;
  }

  /** How the call is named in messages for the client, e.g. `Tool 'add'`. */
  protected abstract readonly label: string;

  /** Answers a call whose time ran out (its signal is already aborted). */
  protected abstract answerTimeout(message: string): void;

  get requestId(): string | number {
    // A bigint would be a type the protocol's RequestId does not have, and one JSON.stringify throws on.
    return typeof this.id === "bigint" ? this.id.toString() : this.id;
  }

  get sessionId(): string | undefined {
    return this.session.sessionId;
  }

  get signal(): AbortSignal {
    return (this.controller ??= new AbortController()).signal;
  }

  /** Marks the call as answered (or abandoned); false if it already was. */
  protected settle(): boolean {
    if (this.done) return false;
    this.done = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.session.untrackCall(this);
    return true;
  }

  /** Marks a call that is answered before its function returns (refused input). */
  protected markDone(): void {
    this.done = true;
  }

  /**
   * The function returned a promise: from now on notifications/cancelled can
   * reach the call, and after `timeoutMs` (0: never) it is aborted and answered.
   */
  protected goAsync(timeoutMs: number): void {
    this.session.trackCall(this);
    if (timeoutMs > 0) this.timer = setTimeout(() => this.timeOut(timeoutMs), timeoutMs);
  }

  /** notifications/cancelled: abort the function's signal and never answer. */
  cancel(): void {
    if (!this.settle()) return;
    this.controller?.abort(new ToolError("The client cancelled the request"));
  }

  private timeOut(timeoutMs: number): void {
    if (!this.settle()) return;
    const message = `${this.label} timed out after ${timeoutMs / 1000} s and was cancelled.`;
    this.controller?.abort(new ToolError(message));
    this.answerTimeout(message);
  }

  /**
   * Sends the call's answer (a whole response line) after everything it
   * reported. The SDK client handles a notification a microtask after the
   * response read in the same chunk, and forgets the call's progress handler
   * on its response, so progress read together with the answer is dropped.
   * After progress the answer goes apart (the transport decides how: a
   * separate write over stdio; SSE events are delivered one read each), with
   * no round trip to the client.
   */
  protected sendAnswer(line: string): void {
    if (this.session.closed) return;
    if (this.progressSent) this.session.sendApart(line, this.id);
    else this.session.send(line, this.id);
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
    this.session.notify(
      "notifications/message",
      { level: LOG_LEVELS[level], logger: this.source, data: data === undefined ? message : { message, data } },
      this.id,
    );
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

  sample(params: CreateMessageRequestParamsBase): Promise<CreateMessageResult>;
  sample(params: CreateMessageRequestParamsWithTools): Promise<CreateMessageResultWithTools>;
  /** The answer is the client's, as sent: its type is what the protocol promises of it. */
  sample(params: CreateMessageRequest["params"]): Promise<CreateMessageResult | CreateMessageResultWithTools> {
    return (this.clientRefusal("sampling") ?? this.askClient("sampling/createMessage", params)) as Promise<CreateMessageResult>;
  }

  elicit(params: ElicitRequest["params"]): Promise<ElicitResult>;
  elicit<T>(message: string): Promise<Elicited<T>>;
  /** `requestedSchema` is added by the compiler to `ctx.elicit<T>(message)` calls. */
  elicit(paramsOrMessage: ElicitRequest["params"] | string, requestedSchema?: unknown): Promise<unknown> {
    const refused = this.clientRefusal("elicitation");
    if (refused !== undefined) return refused;
    if (typeof paramsOrMessage !== "string") return this.askClient("elicitation/create", paramsOrMessage);
    if (requestedSchema === undefined) {
      return Promise.reject(new Error("ctx.elicit(message) was called without the schema mcpc adds at compile time: write ctx.elicit<YourType>(message) in a file mcpc compiles"));
    }
    const params = { message: paramsOrMessage, requestedSchema };
    return this.askClient("elicitation/create", params).then((answer) => {
      const a = answer as { action?: unknown; content?: unknown };
      if (a?.action !== "accept") return answer;
      const problem = formAnswerProblem(requestedSchema as FormSchema, a.content);
      if (problem !== undefined) throw new ToolError(`The client's answer to the form does not match it: ${problem}.`);
      return answer;
    });
  }

  /** Sends the request to the client; its error answer becomes a ClientRefusedError carrying the client's message. */
  private askClient(method: string, params: unknown): Promise<unknown> {
    return this.session.request(method, params, this.signal, this.id).catch((error: unknown) => {
      if (error instanceof RpcError) throw new ClientRefusedError(error.message, method, error.code, error.data);
      throw error;
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

  /** Runs the resource's function with this call's Context (and signal), as resources/read would answer it. */
  async readResource(uri: string): Promise<ReadResourceResult> {
    const read = this.core.readResource;
    if (read === undefined) throw new ToolError("This server has no resources.");
    return JSON.parse(await read(uri, this)) as ReadResourceResult;
  }
}
