import type { ParameterBinding, ToolSpec } from "../2-extract/tool-spec.js";
import { GENERATED_BY } from "./output-files.js";

export interface ServerInfo {
  name: string;
  version: string;
}

/** What tools/list advertises for a tool, keys in a fixed order. */
export function toolListing(tool: ToolSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: tool.name };
  if (tool.title !== undefined) out.title = tool.title;
  out.description = tool.description;
  out.inputSchema = tool.inputSchema;
  if (tool.outputSchema !== undefined) out.outputSchema = tool.outputSchema;
  if (tool.annotations !== undefined) out.annotations = { ...(tool.title ? { title: tool.title } : {}), ...tool.annotations };
  return out;
}

export function validatorKey(index: number, side: "input" | "output"): string {
  return `tool${index}_${side}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function member(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

/** The call expression for one tool: named arguments to positions, the context injected. */
function invokeExpression(moduleVar: string, tool: ToolSpec): string {
  const args = tool.bindings.map((b: ParameterBinding) => {
    switch (b.kind) {
      case "named":
        return member("a", b.name);
      case "rest":
        return `...(${member("a", b.name)} ?? [])`;
      case "whole":
        return "a";
      case "context":
        return "c";
    }
  });
  const params = tool.usesContext ? "(a, c)" : "(a)";
  return `${params} => ${member(moduleVar, tool.exportName)}(${args.join(", ")})`;
}

/**
 * server.js: imports the user's modules and the precompiled validators and
 * hands the runtime a dispatch table. The tool listings are inlined, so the
 * server reads no file at start-up.
 */
export function emitServerModule(tools: readonly ToolSpec[], entryModules: ReadonlyMap<string, string>, info: ServerInfo, sources: string): string {
  const moduleVars = new Map<string, string>();
  const imports: string[] = [];
  [...entryModules.entries()].forEach(([entry, path], i) => {
    const variable = `entry${i}`;
    moduleVars.set(entry, variable);
    imports.push(`import * as ${variable} from ${JSON.stringify(`./${path}`)};`);
  });
  const toolEntries = tools.map((tool, i) => {
    const fields = [
      `tool: ${JSON.stringify(toolListing(tool))}`,
      `validateInput: validators.${validatorKey(i, "input")}`,
    ];
    if (tool.outputSchema !== undefined) fields.push(`validateOutput: validators.${validatorKey(i, "output")}`);
    fields.push(`invoke: ${invokeExpression(moduleVars.get(tool.entryFile)!, tool)}`);
    fields.push(`result: ${JSON.stringify(tool.result)}`);
    if (tool.outputViaJson) fields.push("outputViaJson: true");
    if (tool.usesContext) fields.push("usesContext: true");
    if (tool.timeoutMs !== undefined) fields.push(`timeoutMs: ${tool.timeoutMs}`);
    return `{ ${fields.join(", ")} }`;
  });
  return [
    `// ${GENERATED_BY} from ${sources}. Do not edit: run \`mcpc build\` again instead.`,
    `import { createRequire } from "node:module";`,
    `import { startServer } from "mcpc/runtime/server";`,
    ...imports,
    "",
    // require(), not import: an ESM import of a CommonJS file starts Node's
    // CommonJS export scanner (a WebAssembly module), ~7 MB of RSS.
    `const validators = createRequire(import.meta.url)("./validators.cjs");`,
    "",
    `await startServer({ name: ${JSON.stringify(info.name)}, version: ${JSON.stringify(info.version)}, tools: [${toolEntries.join(", ")}] });`,
    "",
  ].join("\n");
}
