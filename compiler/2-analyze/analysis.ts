import type ts from "typescript";
import type { LoadedProject } from "../1-load/load-project.js";
import type { JsonSchema } from "../schema/json-schema.js";
import type { PromptSpec, ResourceSpec } from "./feature-spec.js";
import type { ToolSpec } from "./tool-spec.js";

/** Resources, resource templates and prompts. */
export interface Features {
  resources: ResourceSpec[];
  resourceTemplates: ResourceSpec[];
  prompts: PromptSpec[];
}

/** Everything analysis found in a loaded project: what emit turns into files. */
export interface Analysis extends Features {
  project: LoadedProject;
  tools: ToolSpec[];
  /** Typed `ctx.elicit<T>(message)` calls and the form schema built from each T. */
  elicitations: Map<ts.CallExpression, JsonSchema>;
  /** How many tools kept their spec from a watch session's previous analysis (0 outside watch). */
  reusedTools: number;
  /** The user files a watch session's edit may have changed the code of; undefined: any (every build outside watch). */
  affected: ReadonlySet<ts.SourceFile> | undefined;
}
