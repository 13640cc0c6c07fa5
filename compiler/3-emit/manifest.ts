import type { Manifest, ToolListing } from "../../runtime/contract.js";
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
  return {
    tools: analysis.tools.map(toolListing),
    resources: analysis.resources.map((r) => r.listing),
    resourceTemplates: analysis.resourceTemplates.map((r) => r.listing),
    prompts: analysis.prompts.map((p) => p.listing),
  };
}
