import { registerCompletion } from "./completion.js";
import { pagedList, pageSizeOf } from "./paging.js";
import { registerPrompts } from "./prompts.js";
import { registerResources } from "./resources.js";
import type { ServerCore } from "./session.js";

/**
 * Everything beyond tools/call, added to the core's method table once at
 * start-up: paged tools/list, resources, prompts and completions.
 */
export function registerFeatures(core: ServerCore): void {
  const pageSize = pageSizeOf(core.definition.pageSize);
  if (core.definition.tools.length > 0) core.methods.set("tools/list", pagedList("tools", core.definition.tools.map((t) => t.tool), pageSize));
  registerResources(core, pageSize);
  registerPrompts(core, pageSize);
  registerCompletion(core);
}
