import { insufficientScopeMessage, missingScopes } from "../auth/scopes.js";
import type { AuthInfo } from "../auth/types.js";
import type { Context } from "../context.js";
import { ToolError } from "../errors.js";
import type { ResourceContentKind, ResourceDefinition, ResourceTemplateDefinition } from "../definition.js";
import { matchUriTemplate, parseUriTemplate, type TemplateVariable } from "../uri-template.js";
import { convertArguments } from "./arguments.js";
import type { ServerCore } from "./core.js";
import { ErrorCode, RpcError, progressTokenOf } from "./jsonrpc.js";
import type { SessionHandle } from "./method-handler.js";
import { pagedList } from "./paging.js";
import { RequestCall, asRpcError } from "./request-call.js";

/** Subscriptions one session may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_SESSION = 1000;
/** Longest URI remembered for a subscription. */
export const MAX_SUBSCRIBED_URI_LENGTH = 2048;

interface CompiledTemplate {
  definition: ResourceTemplateDefinition;
  parsed: { variables: TemplateVariable[]; pattern: RegExp };
}

/** A URI resolved to the function that reads it and the way its value becomes contents. */
interface ResolvedRead {
  /** From the resource's or template's `@scope` tags. */
  scopes: readonly string[] | undefined;
  run(ctx: Context): unknown;
  toJson(value: unknown): string;
}

/**
 * resources/list, resources/templates/list, resources/read and the
 * subscribe pair, plus `ctx.readResource`. A URI is looked up among static
 * resources first, then matched against the templates in the order they were
 * declared.
 */
export function registerResources(core: ServerCore, pageSize: number): void {
  const resources = core.definition.resources ?? [];
  const templates = core.definition.resourceTemplates ?? [];
  if (resources.length === 0 && templates.length === 0) return;
  const byUri = new Map<string, ResourceDefinition>(resources.map((r) => [r.resource.uri, r]));
  const compiled: CompiledTemplate[] = templates.map((definition) => {
    const parsed = parseUriTemplate(definition.template.uriTemplate);
    if (!parsed.ok) throw new Error(`Invalid URI template '${definition.template.uriTemplate}': ${parsed.problem}`);
    return { definition, parsed };
  });

  const resolve = (uri: string): ResolvedRead => {
    const resource = byUri.get(uri);
    if (resource !== undefined) {
      return { scopes: resource.scopes, run: (ctx) => resource.read({}, ctx), toJson: (value) => contentsJson(uri, resource.resource.mimeType, resource.contents, value) };
    }
    for (const template of compiled) {
      const raw = matchUriTemplate(template.parsed, uri);
      if (raw === undefined) continue;
      const { definition } = template;
      const args = convertArguments(definition.variables, raw, `resource ${uri}`);
      return { scopes: definition.scopes, run: (ctx) => definition.read(args, ctx), toJson: (value) => contentsJson(uri, definition.template.mimeType, definition.contents, value) };
    }
    throw new RpcError(ErrorCode.ResourceNotFound, `Resource not found: ${uri}`, { uri });
  };

  core.capabilities.resources = { subscribe: true, listChanged: false };
  core.handle("resources/list", pagedList("resources", resources.map((r) => r.resource), pageSize));
  core.handle("resources/templates/list", pagedList("resourceTemplates", templates.map((t) => t.template), pageSize));
  core.scopeRules.set("resources/read", (params) => {
    if (typeof params.uri !== "string") return undefined;
    const { scopes } = resolve(params.uri);
    return scopes === undefined ? undefined : { scopes, what: `Resource '${params.uri}'` };
  });
  core.handle("resources/read", (params, session, id) => {
    const uri = params.uri;
    if (typeof uri !== "string") throw new RpcError(ErrorCode.InvalidParams, "Invalid params: uri must be a string");
    const read = resolve(uri);
    checkScopes(session.auth, uri, read.scopes);
    return new RequestCall(session, id, core, "resources/read", `Resource '${uri}'`, uri, progressTokenOf(params)).answer(read.run, read.toJson);
  });
  // Inside a call, the caller's Context (and its signal and time bound) serves the read.
  core.readResource = async (uri, caller) => {
    const read = resolve(uri);
    // A function reading a resource acts for its caller: the caller's token must grant the resource's scopes too.
    // A ToolError, so a tool that lets it through answers with an isError result naming the scope.
    const missing = caller.auth === undefined ? [] : missingScopes(caller.auth, read.scopes);
    if (missing.length > 0) throw new ToolError(insufficientScopeMessage(`Resource '${uri}'`, missing));
    let value: unknown;
    try {
      value = await read.run(caller);
    } catch (error) {
      throw asRpcError(error);
    }
    return read.toJson(value);
  };

  // Subscriptions are accepted and remembered per session; mcpc sends no
  // notifications/resources/updated yet (no API for a function to say so).
  const subscriptions = new WeakMap<SessionHandle, Set<string>>();
  core.handle("resources/subscribe", (params, session) => {
    if (typeof params.uri !== "string") throw new RpcError(ErrorCode.InvalidParams, "Invalid params: uri must be a string");
    if (params.uri.length > MAX_SUBSCRIBED_URI_LENGTH) throw new RpcError(ErrorCode.InvalidParams, `Invalid params: a URI to subscribe to is at most ${MAX_SUBSCRIBED_URI_LENGTH} characters`);
    let set = subscriptions.get(session);
    if (set === undefined) subscriptions.set(session, (set = new Set()));
    // One client must not grow the server without end by subscribing to made-up URIs.
    if (!set.has(params.uri) && set.size >= MAX_SUBSCRIPTIONS_PER_SESSION) {
      throw new RpcError(ErrorCode.InvalidRequest, `Too many subscriptions: a session holds at most ${MAX_SUBSCRIPTIONS_PER_SESSION}; unsubscribe first`);
    }
    set.add(params.uri);
    return "{}";
  });
  core.handle("resources/unsubscribe", (params, session) => {
    if (typeof params.uri !== "string") throw new RpcError(ErrorCode.InvalidParams, "Invalid params: uri must be a string");
    subscriptions.get(session)?.delete(params.uri);
    return "{}";
  });
}

/** A read without the scopes the resource requires is an error naming them (HTTP has refused it with 403 before, where it could). */
function checkScopes(auth: AuthInfo | undefined, uri: string, required: readonly string[] | undefined): void {
  const missing = auth === undefined ? [] : missingScopes(auth, required);
  if (missing.length > 0) throw new RpcError(ErrorCode.InvalidRequest, insufficientScopeMessage(`Resource '${uri}'`, missing), { requiredScopes: required });
}

function contentsJson(uri: string, mimeType: string | undefined, kind: ResourceContentKind, value: unknown): string {
  const entry: Record<string, unknown> = { uri };
  if (mimeType !== undefined) entry.mimeType = mimeType;
  switch (kind) {
    case "text":
      entry.text = value === undefined || value === null ? "" : String(value);
      break;
    case "json": {
      const text = JSON.stringify(value);
      if (text === undefined) throw new Error(`The resource function for ${uri} returned ${typeof value}, which is not JSON`);
      entry.text = text;
      break;
    }
    case "blob": {
      if (!(value instanceof Uint8Array)) throw new Error(`The resource function for ${uri} did not return a Uint8Array`);
      entry.blob = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
      break;
    }
  }
  return JSON.stringify({ contents: [entry] });
}
