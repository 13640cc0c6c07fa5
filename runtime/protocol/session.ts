import type { AuthInfo } from "../auth/types.js";
import { toolErrorJson } from "./results.js";
import type { ServerDefinition, ToolDefinition } from "../definition.js";
import { LOG_LEVELS } from "../context.js";
import { ErrorCode, RpcError, errorLine, isRequestId, notificationLine, progressTokenOf, requestLine, resultLine, type RequestId } from "./jsonrpc.js";
import { negotiateVersion } from "./versions.js";
import { ToolCall } from "./tool-call.js";
import { registerFeatures } from "./features.js";

export interface SessionOptions {
  /** Send the message of unexpected exceptions to the client instead of masking them. */
  exposeErrors: boolean;
  /** Tool timeout when a tool has no `@timeout`; 0 means none. */
  defaultTimeoutMs: number;
  /** Largest serialised tool result sent to the client. */
  maxResultBytes: number;
  /** How long a server-to-client request waits for its answer. */
  clientRequestTimeoutMs: number;
  /** Where diagnostics for the operator go (stderr). */
  logError: (message: string) => void;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  exposeErrors: false,
  defaultTimeoutMs: 60_000,
  // The SDK client closes the connection on messages over 10 MB.
  maxResultBytes: 8 * 1024 * 1024,
  clientRequestTimeoutMs: 60_000,
  logError: (message) => process.stderr.write(`${message}\n`),
};

/** A method handler: answers with a result as JSON, or throws RpcError. */
export type MethodHandler = (params: Record<string, unknown>, session: Session, id: RequestId) => string | Promise<string>;

/**
 * What every session of one server shares, built once at start-up: the tool
 * table and the answers that never change, serialised ahead of time.
 */
export class ServerCore {
  readonly tools = new Map<string, ToolDefinition>();
  readonly methods = new Map<string, MethodHandler>();
  readonly capabilities: Record<string, unknown> = {};
  /** A rate limit on tool calls (see rate-limit.ts): returns the refusal message, or undefined to go ahead. */
  admitToolCall?: (toolName: string, session: Session) => string | undefined;
  readonly serverInfo: Record<string, unknown>;

  constructor(
    readonly definition: ServerDefinition,
    readonly options: SessionOptions,
  ) {
    for (const tool of definition.tools) this.tools.set(tool.tool.name, tool);
    this.serverInfo = { name: definition.name, version: definition.version };
    if (definition.title !== undefined) this.serverInfo.title = definition.title;
    this.capabilities.logging = {};
    if (definition.tools.length > 0) {
      this.capabilities.tools = { listChanged: false };
      const toolsList = JSON.stringify({ tools: definition.tools.map((t) => t.tool) });
      this.methods.set("tools/list", () => toolsList);
    }
    registerFeatures(this);
  }

  initializeResultJson(protocolVersion: string): string {
    const result: Record<string, unknown> = {
      protocolVersion,
      capabilities: this.capabilities,
      serverInfo: this.serverInfo,
    };
    if (this.definition.instructions !== undefined) result.instructions = this.definition.instructions;
    return JSON.stringify(result);
  }
}

interface PendingClientRequest {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The server side of one MCP connection: routes each incoming message, runs
 * tool calls, and sends requests of its own to the client. A transport feeds
 * it parsed messages and gives it a function that sends lines.
 */
export class Session {
  protocolVersion: string | undefined;
  clientCapabilities: Record<string, unknown> = {};
  /** Index into LOG_LEVELS of the least severe level sent. */
  logLevel = 1;
  private readonly inFlight = new Map<RequestId, ToolCall>();
  private readonly pendingClientRequests = new Map<RequestId, PendingClientRequest>();
  private nextClientRequestId = 0;
  closed = false;
  /**
   * False when the client's answers cannot come back to this session (stateless
   * HTTP: each request is served on its own, possibly by another instance).
   */
  clientCanAnswer = true;
  /** The verified caller of the message being handled (HTTP sets it around each dispatch); contexts made meanwhile keep it. */
  auth: AuthInfo | undefined = undefined;

  constructor(
    readonly core: ServerCore,
    /**
     * Delivers one line. `relatedId` names the client request the line belongs
     * to (its response, or a notification/request sent while serving it) when
     * that is not the message being handled right now; HTTP routes by it.
     */
    readonly send: (line: string, relatedId?: RequestId) => void,
    readonly sessionId?: string,
  ) {}

  get options(): SessionOptions {
    return this.core.options;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Parses one line of JSON-RPC and handles it. */
  handleText(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.send(errorLine(null, ErrorCode.ParseError, "Parse error: the message is not valid JSON"));
      return;
    }
    this.handleMessage(message);
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
    switch (method) {
      case "tools/call":
        this.callTool(id, params);
        return;
      case "ping":
        this.send(resultLine(id, "{}"));
        return;
      case "initialize":
        this.protocolVersion = negotiateVersion(params.protocolVersion);
        if (params.capabilities && typeof params.capabilities === "object") {
          this.clientCapabilities = params.capabilities as Record<string, unknown>;
        }
        this.send(resultLine(id, this.core.initializeResultJson(this.protocolVersion)));
        return;
      case "logging/setLevel": {
        const index = LOG_LEVELS.indexOf(params.level as never);
        if (index < 0) {
          this.send(errorLine(id, ErrorCode.InvalidParams, `Invalid params: level must be one of ${LOG_LEVELS.join(", ")}`));
          return;
        }
        this.logLevel = index;
        this.send(resultLine(id, "{}"));
        return;
      }
    }
    const handler = this.core.methods.get(method);
    if (handler === undefined) {
      this.send(errorLine(id, ErrorCode.MethodNotFound, `Method not found: ${method}`));
      return;
    }
    try {
      const result = handler(params, this, id);
      if (typeof result === "string") this.send(resultLine(id, result));
      else
        result.then(
          (json) => this.send(resultLine(id, json), id),
          (error: unknown) => this.sendHandlerError(id, method, error),
        );
    } catch (error) {
      this.sendHandlerError(id, method, error);
    }
  }

  private sendHandlerError(id: RequestId, method: string, error: unknown): void {
    if (error instanceof RpcError) {
      this.send(errorLine(id, error.code, error.message, error.data), id);
      return;
    }
    this.options.logError(`mcpc: ${method} failed: ${(error as Error)?.stack ?? String(error)}`);
    const message = this.options.exposeErrors ? `${method} failed: ${(error as Error)?.message ?? String(error)}` : `${method} failed`;
    this.send(errorLine(id, ErrorCode.InternalError, message), id);
  }

  private callTool(id: RequestId, params: Record<string, unknown>): void {
    const name = params.name;
    const tool = typeof name === "string" ? this.core.tools.get(name) : undefined;
    if (tool === undefined) {
      this.send(errorLine(id, ErrorCode.InvalidParams, typeof name === "string" ? `Unknown tool: ${name}` : "Invalid params: name must be a string"));
      return;
    }
    const refusal = this.core.admitToolCall?.(tool.tool.name, this);
    if (refusal !== undefined) {
      this.send(resultLine(id, toolErrorJson(refusal)), id);
      return;
    }
    const args = params.arguments ?? {};
    const call = new ToolCall(this, id, tool, progressTokenOf(params));
    call.start(args);
  }

  /** Called by a ToolCall that went asynchronous, so it can be cancelled. */
  trackCall(call: ToolCall): void {
    this.inFlight.set(call.id, call);
  }

  untrackCall(call: ToolCall): void {
    if (this.inFlight.get(call.id) === call) this.inFlight.delete(call.id);
  }

  private handleNotification(method: string, params: unknown): void {
    if (method === "notifications/cancelled") {
      const requestId = (params as Record<string, unknown> | undefined)?.requestId;
      if (isRequestId(requestId)) this.inFlight.get(requestId)?.cancel();
    }
    // notifications/initialized and unknown notifications need no answer.
  }

  private handleResponse(m: Record<string, unknown>): void {
    const pending = this.pendingClientRequests.get(m.id as RequestId);
    if (pending === undefined) return;
    this.pendingClientRequests.delete(m.id as RequestId);
    clearTimeout(pending.timer);
    if ("error" in m && m.error !== undefined) {
      const error = m.error as { code?: number; message?: string; data?: unknown };
      pending.reject(new RpcError(error.code ?? ErrorCode.InternalError, error.message ?? "Client error", error.data));
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
