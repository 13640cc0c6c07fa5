import type { ArgumentDefinition } from "../definition.js";
import { ErrorCode, RpcError } from "./jsonrpc.js";
import { RequestCall } from "./request-call.js";
import type { ServerCore } from "./core.js";

/** The spec caps one completion answer at 100 values. */
const MAX_VALUES = 100;

/**
 * completion/complete for prompt arguments and template variables: literal
 * union values filtered by the typed prefix, or what the argument's
 * `@complete` function returns for it.
 */
export function registerCompletion(core: ServerCore): void {
  const prompts = new Map<string, ArgumentDefinition[]>();
  for (const p of core.definition.prompts ?? []) prompts.set(p.prompt.name, p.arguments);
  const templates = new Map<string, ArgumentDefinition[]>();
  for (const t of core.definition.resourceTemplates ?? []) templates.set(t.template.uriTemplate, t.variables);
  if (prompts.size === 0 && templates.size === 0) return;
  core.capabilities.completions = {};
  core.handle("completion/complete", (params, session, id) => {
    const ref = params.ref as Record<string, unknown> | undefined;
    const argument = params.argument as Record<string, unknown> | undefined;
    if (ref === null || typeof ref !== "object" || argument === null || typeof argument !== "object" || typeof argument.name !== "string") {
      throw new RpcError(ErrorCode.InvalidParams, "Invalid params: expected ref and argument { name, value }");
    }
    let specs: ArgumentDefinition[] | undefined;
    if (ref.type === "ref/prompt") {
      specs = prompts.get(String(ref.name));
      if (specs === undefined) throw new RpcError(ErrorCode.InvalidParams, `Unknown prompt: ${String(ref.name)}`);
    } else if (ref.type === "ref/resource") {
      specs = templates.get(String(ref.uri));
      if (specs === undefined) throw new RpcError(ErrorCode.InvalidParams, `Unknown resource template: ${String(ref.uri)}`);
    } else {
      throw new RpcError(ErrorCode.InvalidParams, "Invalid params: ref.type must be ref/prompt or ref/resource");
    }
    const spec = specs.find((s) => s.name === argument.name);
    if (spec === undefined) throw new RpcError(ErrorCode.InvalidParams, `Invalid params: no argument named '${argument.name}'`);
    const typed = typeof argument.value === "string" ? argument.value : "";
    const context = params.context as { arguments?: Record<string, string> } | undefined;
    if (spec.complete === undefined) return completionJson((spec.values ?? []).filter((v) => v.startsWith(typed)));
    // A user's @complete function: bounded by the default timeout and cancellable, like every call of user code.
    const complete = spec.complete;
    const call = new RequestCall(session, id, core, "completion/complete", `The @complete function for '${spec.name}'`, spec.name, undefined);
    return call.answer(
      () => complete(typed, { arguments: context?.arguments ?? {} }),
      (produced) => {
        if (!Array.isArray(produced)) throw new Error(`The @complete function for '${spec.name}' returned something other than an array`);
        return completionJson(produced.map(String));
      },
    );
  });
}

function completionJson(all: string[]): string {
  const values = all.slice(0, MAX_VALUES);
  return JSON.stringify({ completion: { values, total: all.length, hasMore: all.length > values.length } });
}
