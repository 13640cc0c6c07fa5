import type { Context } from "../context.js";
import type { ServerDefinition } from "../definition.js";
import type { MethodHandler, SessionHandle } from "./method-handler.js";
import type { SessionOptions } from "./session-options.js";

/** The scopes one request needs and how its target is named (`Tool 'save'`). */
export interface ScopeRequirement {
  scopes: readonly string[];
  what: string;
}

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
  /** Every scope some tool, resource, template or prompt requires: the metadata's scopes_supported (set with the handlers). */
  scopesSupported: readonly string[] = [];
  /** A rate limit on tool calls (see rate-limit.ts): returns the refusal message, or undefined to go ahead. */
  admitToolCall?: (toolName: string, session: SessionHandle) => string | undefined;
  /**
   * `ctx.readResource(uri)`: reads one of this server's resources with the
   * caller's Context, answering as resources/read would (JSON). Set when the
   * server has resources.
   */
  readResource?: (uri: string, caller: Context) => Promise<string>;
  /**
   * Per method (tools/call, resources/read, prompts/get), what a request's
   * params require: the OAuth scopes and how the target is named in a refusal.
   * The HTTP transport asks before it answers, so it can still refuse with 403.
   */
  readonly scopeRules = new Map<string, (params: Record<string, unknown>) => ScopeRequirement | undefined>();

  constructor(
    readonly definition: ServerDefinition,
    readonly options: SessionOptions,
  ) {
    this.serverInfo = { name: definition.name, version: definition.version };
    if (definition.title !== undefined) this.serverInfo.title = definition.title;
  }

  /** The scopes a request needs, or undefined when it needs none (or names nothing this server has). */
  requiredScopes(method: string, params: unknown): ScopeRequirement | undefined {
    const rule = this.scopeRules.get(method);
    if (rule === undefined || params === null || typeof params !== "object" || Array.isArray(params)) return undefined;
    try {
      return rule(params as Record<string, unknown>);
    } catch {
      // A request that cannot be resolved (a bad URI) is refused by its handler, with the usual error.
      return undefined;
    }
  }

  /** Adds a method; registering one twice is a programming error. */
  handle(method: string, handler: MethodHandler): void {
    if (this.methods.has(method)) throw new Error(`mcpc: ${method} is registered twice`);
    this.methods.set(method, handler);
  }
}
