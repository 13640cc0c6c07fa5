import type { ResourceContentKind, ResourceDefinition, ResourceTemplateDefinition } from "../definition.js";
import { matchUriTemplate, parseUriTemplate, type TemplateVariable } from "../uri-template.js";
import { convertArguments } from "./arguments.js";
import { ErrorCode, RpcError } from "./jsonrpc.js";
import { pagedList } from "./paging.js";
import { runWithContext } from "./request-context.js";
import type { MethodHandler, ServerCore, Session } from "./session.js";

interface CompiledTemplate {
  definition: ResourceTemplateDefinition;
  parsed: { variables: TemplateVariable[]; pattern: RegExp };
}

/**
 * resources/list, resources/templates/list, resources/read and the
 * subscribe pair. A URI is looked up among static resources first, then
 * matched against the templates in the order they were declared.
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

  core.capabilities.resources = { subscribe: true, listChanged: false };
  core.methods.set("resources/list", pagedList("resources", resources.map((r) => r.resource), pageSize));
  core.methods.set("resources/templates/list", pagedList("resourceTemplates", templates.map((t) => t.template), pageSize));

  const read: MethodHandler = async (params, session, id) => {
    const uri = params.uri;
    if (typeof uri !== "string") throw new RpcError(ErrorCode.InvalidParams, "Invalid params: uri must be a string");
    const resource = byUri.get(uri);
    if (resource !== undefined) {
      const value = await runWithContext(session, id, uri, params, (ctx) => resource.read({}, ctx));
      return contentsJson(uri, resource.resource.mimeType, resource.contents, value);
    }
    for (const template of compiled) {
      const raw = matchUriTemplate(template.parsed, uri);
      if (raw === undefined) continue;
      const args = convertArguments(template.definition.variables, raw, `resource ${uri}`);
      const value = await runWithContext(session, id, uri, params, (ctx) => template.definition.read(args, ctx));
      return contentsJson(uri, template.definition.template.mimeType, template.definition.contents, value);
    }
    throw new RpcError(ErrorCode.ResourceNotFound, `Resource not found: ${uri}`, { uri });
  };
  core.methods.set("resources/read", read);

  // Subscriptions are accepted and remembered per session; mcpc sends no
  // notifications/resources/updated yet (no API for a function to say so).
  const subscriptions = new WeakMap<Session, Set<string>>();
  core.methods.set("resources/subscribe", (params, session) => {
    if (typeof params.uri !== "string") throw new RpcError(ErrorCode.InvalidParams, "Invalid params: uri must be a string");
    let set = subscriptions.get(session);
    if (set === undefined) subscriptions.set(session, (set = new Set()));
    set.add(params.uri);
    return "{}";
  });
  core.methods.set("resources/unsubscribe", (params, session) => {
    if (typeof params.uri !== "string") throw new RpcError(ErrorCode.InvalidParams, "Invalid params: uri must be a string");
    subscriptions.get(session)?.delete(params.uri);
    return "{}";
  });
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
