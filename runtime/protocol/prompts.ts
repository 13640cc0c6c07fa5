import { insufficientScopeMessage, missingScopes } from "../auth/scopes.js";
import type { PromptDefinition } from "../definition.js";
import { convertArguments } from "./arguments.js";
import type { ServerCore } from "./core.js";
import { ErrorCode, RpcError, progressTokenOf } from "./jsonrpc.js";
import { pagedList } from "./paging.js";
import { RequestCall } from "./request-call.js";
import { shapePromptResultJson } from "./version-shaping.js";

/** prompts/list and prompts/get. */
export function registerPrompts(core: ServerCore, pageSize: number): void {
  const prompts = core.definition.prompts ?? [];
  if (prompts.length === 0) return;
  const byName = new Map<string, PromptDefinition>(prompts.map((p) => [p.prompt.name, p]));
  core.capabilities.prompts = { listChanged: false };
  core.handle("prompts/list", pagedList("prompts", prompts.map((p) => p.prompt), pageSize));
  core.scopeRules.set("prompts/get", (params) => {
    const prompt = typeof params.name === "string" ? byName.get(params.name) : undefined;
    return prompt?.scopes === undefined ? undefined : { scopes: prompt.scopes, what: `Prompt '${prompt.prompt.name}'` };
  });
  core.handle("prompts/get", (params, session, id) => {
    const name = params.name;
    const prompt = typeof name === "string" ? byName.get(name) : undefined;
    if (prompt === undefined) {
      throw new RpcError(ErrorCode.InvalidParams, typeof name === "string" ? `Unknown prompt: ${name}` : "Invalid params: name must be a string");
    }
    const lacking = session.auth === undefined ? [] : missingScopes(session.auth, prompt.scopes);
    if (lacking.length > 0) throw new RpcError(ErrorCode.InvalidRequest, insufficientScopeMessage(`Prompt '${prompt.prompt.name}'`, lacking), { requiredScopes: prompt.scopes });
    const given = params.arguments ?? {};
    if (given === null || typeof given !== "object" || Array.isArray(given)) throw new RpcError(ErrorCode.InvalidParams, "Invalid params: arguments must be an object");
    const raw = given as Record<string, unknown>;
    const missing = (prompt.prompt.arguments ?? []).filter((a) => a.required && (raw[a.name] === undefined || raw[a.name] === null)).map((a) => a.name);
    if (missing.length > 0) {
      throw new RpcError(ErrorCode.InvalidParams, `Invalid params: prompt '${prompt.prompt.name}' needs the argument${missing.length > 1 ? "s" : ""} ${missing.map((m) => `'${m}'`).join(", ")}`);
    }
    const args = convertArguments(prompt.arguments, raw, `prompt '${prompt.prompt.name}'`);
    const call = new RequestCall(session, id, core, "prompts/get", `Prompt '${prompt.prompt.name}'`, prompt.prompt.name, progressTokenOf(params));
    return call.answer(
      (ctx) => prompt.get(args, ctx),
      (value) => shapePromptResultJson(promptResultJson(prompt, value), session.protocolVersion),
    );
  });
}

function promptResultJson(prompt: PromptDefinition, value: unknown): string {
  const messages = prompt.result === "text" ? [{ role: "user", content: { type: "text", text: String(value ?? "") } }] : value;
  if (!Array.isArray(messages) || !messages.every(isMessage)) {
    throw new Error(`Prompt '${prompt.prompt.name}' returned something other than an array of messages ({ role, content })`);
  }
  const result: Record<string, unknown> = {};
  if (prompt.prompt.description !== undefined) result.description = prompt.prompt.description;
  result.messages = messages;
  return JSON.stringify(result);
}

function isMessage(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const m = value as Record<string, unknown>;
  return (m.role === "user" || m.role === "assistant") && m.content !== null && typeof m.content === "object";
}
