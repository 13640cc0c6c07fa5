import type { ToolSpec } from "../../compiler/2-analyze/tool-spec.js";

/** The schemas of each tool, as a schema fixture's expected.json records them. */
export function schemasOf(tools: readonly ToolSpec[]): Record<string, { inputSchema: unknown; outputSchema?: unknown }> {
  const out: Record<string, { inputSchema: unknown; outputSchema?: unknown }> = {};
  for (const tool of tools) {
    out[tool.name] = tool.outputSchema === undefined ? { inputSchema: tool.inputSchema } : { inputSchema: tool.inputSchema, outputSchema: tool.outputSchema };
  }
  return out;
}
