// The standard method table: what an emitted server answers. The core and
// the session know no method; this module, above both, registers them.
import { unionOfScopes } from "../auth/scopes.js";
import type { ServerDefinition } from "../definition.js";
import { registerCompletion } from "./completion.js";
import { ServerCore } from "./core.js";
import { registerLifecycle } from "./lifecycle.js";
import { registerPrompts } from "./prompts.js";
import { registerResources } from "./resources.js";
import type { SessionOptions } from "./session-options.js";
import { registerTools } from "./tools.js";

/** Registers every standard method into the core, with their lists paged and serialised once. */
export function registerStandardHandlers(core: ServerCore): void {
  const pageSize = core.definition.pageSize ?? core.options.pageSize;
  registerLifecycle(core);
  registerTools(core, pageSize);
  registerResources(core, pageSize);
  registerPrompts(core, pageSize);
  registerCompletion(core);
  const { tools, resources = [], resourceTemplates = [], prompts = [] } = core.definition;
  core.scopesSupported = unionOfScopes([tools, resources, resourceTemplates, prompts].flatMap((items) => items.map((item) => item.scopes)));
}

/** A core answering the standard methods for this definition: what servers and `mcpc/testing` serve. */
export function createServerCore(definition: ServerDefinition, options: SessionOptions): ServerCore {
  const core = new ServerCore(definition, options);
  registerStandardHandlers(core);
  return core;
}
