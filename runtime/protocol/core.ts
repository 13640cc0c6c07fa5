import type { Context } from "../context.js";
import type { ServerDefinition } from "../definition.js";
import type { MethodHandler, SessionHandle } from "./method-handler.js";
import type { SessionOptions } from "./session-options.js";

/**
 * What every session of one server shares, built once at start-up: the method
 * table and the capabilities it implies. The core knows no method itself:
 * whoever builds it registers the handlers (`handlers.ts` registers the
 * standard set), so the session routes through this one table.
 */
export class ServerCore {
  readonly methods = new Map<string, MethodHandler>();
  readonly capabilities: Record<string, unknown> = {};
  readonly serverInfo: Record<string, unknown>;
  /** A rate limit on tool calls (see rate-limit.ts): returns the refusal message, or undefined to go ahead. */
  admitToolCall?: (toolName: string, session: SessionHandle) => string | undefined;
  /**
   * `ctx.readResource(uri)`: reads one of this server's resources with the
   * caller's Context, answering as resources/read would (JSON). Set when the
   * server has resources.
   */
  readResource?: (uri: string, caller: Context) => Promise<string>;

  constructor(
    readonly definition: ServerDefinition,
    readonly options: SessionOptions,
  ) {
    this.serverInfo = { name: definition.name, version: definition.version };
    if (definition.title !== undefined) this.serverInfo.title = definition.title;
  }

  /** Adds a method; registering one twice is a programming error. */
  handle(method: string, handler: MethodHandler): void {
    if (this.methods.has(method)) throw new Error(`mcpc: ${method} is registered twice`);
    this.methods.set(method, handler);
  }
}
