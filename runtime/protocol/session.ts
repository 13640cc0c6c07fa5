import type { ServerCore } from "./core.js";
import { mayBeRounded, parseMessageText } from "./json-text.js";
import { ErrorCode, RpcError, errorLine, isRequestId, notificationLine, requestLine, resultLine, type RequestId } from "./jsonrpc.js";
import { failureLine, type CancellableCall, type SessionHandle } from "./method-handler.js";
import type { SessionOptions } from "./session-options.js";

interface PendingClientRequest {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The server side of one MCP connection: checks each incoming message's
 * envelope, routes requests through the core's method table, tracks calls in
 * flight for cancellation, and sends requests of its own to the client. A
 * transport feeds it parsed messages and gives it a function that sends lines.
 */
export class Session implements SessionHandle {
  protocolVersion: string | undefined;
  clientCapabilities: Record<string, unknown> = {};
  /** Index into LOG_LEVELS of the least severe level sent. */
  logLevel = 1;
  private readonly inFlight = new Map<RequestId, CancellableCall>();
  private readonly pendingClientRequests = new Map<RequestId, PendingClientRequest>();
  private nextClientRequestId = 0;
  closed = false;
  /**
   * False when the client's answers cannot come back to this session (stateless
   * HTTP: each request is served on its own, possibly by another instance).
   */
  clientCanAnswer = true;
  /** The verified caller of the message being handled (HTTP sets it around each dispatch); calls started meanwhile keep it. */
  auth: SessionHandle["auth"] = undefined;

  constructor(
    readonly core: ServerCore,
    /**
     * Delivers one line. `relatedId` names the client request the line belongs
     * to (its response, or a notification/request sent while serving it) when
     * that is not the message being handled right now; HTTP routes by it.
     */
    readonly send: (line: string, relatedId?: RequestId) => void,
    readonly sessionId?: string,
    /**
     * Delivers an answer that follows notifications of its own call, so the
     * client reads them first (see CallContext.sendAnswer). By default the
     * same as `send`: a transport whose reads could coalesce them supplies
     * its own (stdio writes the answer apart from what precedes it).
     */
    readonly sendApart: (line: string, relatedId?: RequestId) => void = send,
  ) {}

  get options(): SessionOptions {
    return this.core.options;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Parses one line of JSON-RPC and handles it. */
  handleText(text: string): void {
    const parsed = parseMessageText(text, this.options.maxMessageValues);
    if (parsed.refused === "too-many-values") {
      this.send(errorLine(parsed.id ?? null, ErrorCode.InvalidRequest, `Message too large: it holds more than ${this.options.maxMessageValues} JSON values (MCPC_MAX_MESSAGE_VALUES)`));
    } else if (parsed.refused === "not-json") {
      this.send(errorLine(null, ErrorCode.ParseError, "Parse error: the message is not valid JSON"));
    } else {
      this.handleMessage(parsed.value);
    }
  }

  handleMessage(message: unknown): void {
    if (message === null || typeof message !== "object" || Array.isArray(message)) {
      this.send(errorLine(null, ErrorCode.InvalidRequest, "Invalid request: expected a JSON-RPC 2.0 object"));
      return;
    }
    const m = message as Record<string, unknown>;
    const id = m.id;
    const hasId = id !== undefined;
    if (m.jsonrpc !== "2.0") {
      this.send(errorLine(isRequestId(id) ? id : null, ErrorCode.InvalidRequest, 'Invalid request: "jsonrpc" must be "2.0"'));
      return;
    }
    const method = m.method;
    if (typeof method === "string") {
      if (!hasId) return this.handleNotification(method, m.params);
      if (!isRequestId(id)) {
        this.send(errorLine(null, ErrorCode.InvalidRequest, "Invalid request: id must be a string or a number"));
        return;
      }
      const params = m.params;
      if (params !== undefined && (params === null || typeof params !== "object" || Array.isArray(params))) {
        this.send(errorLine(id, ErrorCode.InvalidParams, "Invalid params: expected an object"));
        return;
      }
      this.handleRequest(id, method, (params ?? {}) as Record<string, unknown>);
      return;
    }
    if (method === undefined && hasId && ("result" in m || "error" in m)) {
      this.handleResponse(m);
      return;
    }
    this.send(errorLine(isRequestId(id) ? id : null, ErrorCode.InvalidRequest, "Invalid request: no method"));
  }

  private handleRequest(id: RequestId, method: string, params: Record<string, unknown>): void {
    const handler = this.core.methods.get(method);
    if (handler === undefined) {
      this.send(errorLine(id, ErrorCode.MethodNotFound, `Method not found: ${method}`));
      return;
    }
    try {
      const result = handler(params, this, id);
      if (typeof result === "string") this.send(resultLine(id, result));
      else if (result !== undefined)
        result.then(
          (json) => this.send(resultLine(id, json), id),
          (error: unknown) => this.send(failureLine(id, method, error, this.options), id),
        );
    } catch (error) {
      this.send(failureLine(id, method, error, this.options), id);
    }
  }

  isInFlight(id: RequestId): boolean {
    return this.inFlight.has(id);
  }

  /** Stops a call in flight as notifications/cancelled would (its client is gone). */
  cancelRequest(id: RequestId): void {
    this.inFlight.get(id)?.cancel();
  }

  trackCall(call: CancellableCall): void {
    this.inFlight.set(call.id, call);
  }

  untrackCall(call: CancellableCall): void {
    if (this.inFlight.get(call.id) === call) this.inFlight.delete(call.id);
  }

  // Cancellation is the session's own bookkeeping (its table of calls in
  // flight), so it is handled here; every other notification needs no answer
  // and changes nothing (notifications/initialized included).
  private handleNotification(method: string, params: unknown): void {
    if (method !== "notifications/cancelled") return;
    const requestId = (params as Record<string, unknown> | undefined)?.requestId;
    if (mayBeRounded(requestId)) {
      // The id of a request beyond 2^53 is held exactly (a bigint); the notification's copy was rounded by JSON.parse.
      for (const id of this.inFlight.keys()) if (typeof id === "bigint" && Number(id) === requestId) this.cancelRequest(id);
    }
    if (isRequestId(requestId)) this.cancelRequest(requestId);
  }

  private handleResponse(m: Record<string, unknown>): void {
    const pending = this.pendingClientRequests.get(m.id as RequestId);
    if (pending === undefined) return;
    this.pendingClientRequests.delete(m.id as RequestId);
    clearTimeout(pending.timer);
    if ("error" in m && m.error !== undefined) {
      // Whatever the client put there (null, a string), the call waiting for
      // the answer must settle: a malformed error is still an error.
      const error = (m.error !== null && typeof m.error === "object" ? m.error : {}) as { code?: unknown; message?: unknown; data?: unknown };
      const code = typeof error.code === "number" ? error.code : ErrorCode.InternalError;
      const message = typeof error.message === "string" ? error.message : "The client answered with a malformed error";
      pending.reject(new RpcError(code, message, error.data));
    } else {
      pending.resolve(m.result);
    }
  }

  /** Sends a request to the client and resolves with its result. */
  request(method: string, params?: unknown, signal?: AbortSignal, relatedId?: RequestId): Promise<unknown> {
    const id = `mcpc-${this.nextClientRequestId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingClientRequests.delete(id);
        reject(new Error(`The client did not answer ${method} within ${this.options.clientRequestTimeoutMs} ms`));
      }, this.options.clientRequestTimeoutMs);
      timer.unref?.();
      this.pendingClientRequests.set(id, { resolve, reject, timer });
      signal?.addEventListener(
        "abort",
        () => {
          if (!this.pendingClientRequests.delete(id)) return;
          clearTimeout(timer);
          this.notify("notifications/cancelled", { requestId: id, reason: "The tool call was cancelled" }, relatedId);
          reject(signal.reason instanceof Error ? signal.reason : new Error("Aborted"));
        },
        { once: true },
      );
      this.send(requestLine(id, method, params), relatedId);
    });
  }

  notify(method: string, params: unknown, relatedId?: RequestId): void {
    this.send(notificationLine(method, params), relatedId);
  }

  /** Ends the session: aborts calls in flight and fails pending client requests. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const call of this.inFlight.values()) call.cancel();
    for (const [id, pending] of this.pendingClientRequests) {
      clearTimeout(pending.timer);
      pending.reject(new Error("The session closed"));
      this.pendingClientRequests.delete(id);
    }
  }
}
