
import type ts from "typescript";
import type { JsonSchema } from "../schema/json-schema.js";
import type { Revival } from "../../runtime/revive.js";
import type { Icon } from "./icon-tags.js";

/** How the runtime passes one parameter when it calls the function. */
export type ParameterBinding =
  | { kind: "named"; name: string }
  | { kind: "rest"; name: string }
  /** The arguments object itself, for a destructured parameter. */
  | { kind: "whole" }
  | { kind: "context" };

import type { ResultKind } from "../../runtime/contract.js";
export type { ResultKind };

export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** Everything the emitter needs to know about one tool. */
export interface ToolSpec {
  name: string;
  exportName: string;
  title?: string;
  description: string;
  /** The entry file the function is exported from. */
  entryFile: string;
  bindings: ParameterBinding[];
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  result: ResultKind;
  outputViaJson: boolean;
  /** Where the arguments hold Dates and URLs, to be revived from their strings before the call. */
  revival?: Revival;
  usesContext: boolean;
  annotations?: ToolAnnotations;
  /** From `@icon` tags. */
  icons?: Icon[];
  timeoutMs?: number;
  /** From `@scope` tags: every OAuth scope a caller needs. */
  scopes?: string[];
  /** Where the function's name is written. */
  node: ts.Node;
}
