import { type AnalysisResult } from "../compiler/index.js";

/** "3 tool(s), 2 resource(s), 1 prompt(s)": what a build holds; kinds with none are left out, tools never. */
export function describeCounts(result: AnalysisResult): string {
  const parts = [`${result.tools.length} tool(s)`];
  const features = result.features;
  if (features !== undefined) {
    if (features.resources.length > 0) parts.push(`${features.resources.length} resource(s)`);
    if (features.resourceTemplates.length > 0) parts.push(`${features.resourceTemplates.length} resource template(s)`);
    if (features.prompts.length > 0) parts.push(`${features.prompts.length} prompt(s)`);
  }
  return parts.join(", ");
}
