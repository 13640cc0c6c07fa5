import { insufficientScopeMessage, missingScopes } from "../auth/scopes.js";
import type { ToolDefinition } from "../definition.js";
import type { ServerCore } from "./core.js";
import { ErrorCode, RpcError, progressTokenOf } from "./jsonrpc.js";
import { pagedList } from "./paging.js";
import { toolErrorJson } from "./results.js";
import { ToolCall } from "./tool-call.js";

/** tools/list (paged, serialised here once) and tools/call. */
export function registerTools(core: ServerCore, pageSize: number): void {
  const tools = core.definition.tools;
  const byName = new Map<string, ToolDefinition>(tools.map((t) => [t.tool.name, t]));
  if (tools.length > 0) {
    core.capabilities.tools = { listChanged: false };
    core.handle("tools/list", pagedList("tools", tools.map((t) => t.tool), pageSize));
  }
  core.scopeRules.set("tools/call", (params) => {
    const tool = typeof params.name === "string" ? byName.get(params.name) : undefined;
    return tool?.scopes === undefined ? undefined : { scopes: tool.scopes, what: `Tool '${tool.tool.name}'` };
  });
  // Registered even without tools: a call then names an unknown tool (invalid params).
  core.handle("tools/call", (params, session, id) => {
    const name = params.name;
    const tool = typeof name === "string" ? byName.get(name) : undefined;
    if (tool === undefined) throw new RpcError(ErrorCode.InvalidParams, typeof name === "string" ? `Unknown tool: ${name}` : "Invalid params: name must be a string");
    // HTTP refuses a call without its scopes with 403 before dispatch; this catches any other way in.
    const missing = session.auth === undefined ? [] : missingScopes(session.auth, tool.scopes);
    if (missing.length > 0) return toolErrorJson(insufficientScopeMessage(`Tool '${tool.tool.name}'`, missing));
    const refusal = core.admitToolCall?.(tool.tool.name, session);
    if (refusal !== undefined) return toolErrorJson(refusal);
    new ToolCall(session, id, core, tool, progressTokenOf(params)).start(params.arguments ?? {});
    return undefined;
  });
}
