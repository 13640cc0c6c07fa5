
import type ts from "typescript";
import type { PromptResultKind, ResourceContentKind } from "../../runtime/contract.js";
import type { ParameterBinding } from "./tool-spec.js";

/** A template variable or prompt argument as the runtime converts and completes it. */
export interface ArgumentSpec {
  name: string;
  type: "string" | "number" | "integer" | "boolean";
  /** The values of a literal-union or enum type, as text. */
  values?: string[];
  /** Export name of the `@complete` function, in the same entry file. */
  completeWith?: string;
}

interface FunctionRef {
  exportName: string;
  entryFile: string;
  bindings: ParameterBinding[];
  usesContext: boolean;
  node: ts.Node;
  /** From `@scope` tags: every OAuth scope a caller needs. */
  scopes?: string[];
}

export type { ResourceContentKind } from "../../runtime/contract.js";

export interface ResourceSpec extends FunctionRef {
  /** What resources/list (or resources/templates/list) advertises. */
  listing: Record<string, unknown>;
  /** Present for a template: its variables, in parameter order. */
  variables?: ArgumentSpec[];
  contents: ResourceContentKind;
}

export interface PromptSpec extends FunctionRef {
  /** What prompts/list advertises. */
  listing: Record<string, unknown>;
  arguments: ArgumentSpec[];
  result: PromptResultKind;
}
