import type { Manifest, RequiredScopes, ToolListing } from "../../runtime/contract.js";
import type { Analysis } from "../2-analyze/analysis.js";
import type { ToolSpec } from "../2-analyze/tool-spec.js";

/** What tools/list advertises for a tool, keys in a fixed order. */
export function toolListing(tool: ToolSpec): ToolListing {
  return {
    name: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: tool.inputSchema,
    ...(tool.icons !== undefined ? { icons: tool.icons } : {}),
    ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
    ...(tool.annotations !== undefined ? { annotations: { ...(tool.title ? { title: tool.title } : {}), ...tool.annotations } } : {}),
  };
}

/** manifest.json: every listing the server answers with, as it sends them. */
export function manifestOf(analysis: Pick<Analysis, "tools" | "resources" | "resourceTemplates" | "prompts">): Manifest {
  const manifest: Manifest = {
    tools: analysis.tools.map(toolListing),
    resources: analysis.resources.map((r) => r.listing),
    resourceTemplates: analysis.resourceTemplates.map((r) => r.listing),
    prompts: analysis.prompts.map((p) => p.listing),
  };
  const scopes = requiredScopes(analysis);
  if (scopes !== undefined) manifest.scopes = scopes;
  return manifest;
}

/** Who needs which `@scope`, keyed as each list names its items; undefined when nothing does. */
export function requiredScopes(analysis: Pick<Analysis, "tools" | "resources" | "resourceTemplates" | "prompts">): RequiredScopes | undefined {
  const section = (items: readonly { scopes?: string[] }[], keyOf: (index: number) => string): Record<string, string[]> | undefined => {
    const entries = items.flatMap((item, i) => (item.scopes !== undefined ? [[keyOf(i), item.scopes] as const] : []));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  };
  const out: RequiredScopes = {};
  const tools = section(analysis.tools, (i) => analysis.tools[i]!.name);
  const resources = section(analysis.resources, (i) => String(analysis.resources[i]!.listing.uri));
  const templates = section(analysis.resourceTemplates, (i) => String(analysis.resourceTemplates[i]!.listing.uriTemplate));
  const prompts = section(analysis.prompts, (i) => String(analysis.prompts[i]!.listing.name));
  if (tools !== undefined) out.tools = tools;
  if (resources !== undefined) out.resources = resources;
  if (templates !== undefined) out.resourceTemplates = templates;
  if (prompts !== undefined) out.prompts = prompts;
  return Object.keys(out).length === 0 ? undefined : out;
}
