import type { Features } from "../2-extract/feature-collector.js";
import type { ArgumentSpec } from "../2-extract/feature-spec.js";
import type { ParameterBinding, ToolSpec } from "../2-extract/tool-spec.js";
import type { ServerDefaults } from "../../runtime/definition.js";
import { GENERATED_BY } from "./output-files.js";

export interface ServerInfo {
  name: string;
  version: string;
  /** Runtime defaults from the project's configuration. */
  defaults?: ServerDefaults;
}

/** What tools/list advertises for a tool, keys in a fixed order. */
export function toolListing(tool: ToolSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: tool.name };
  if (tool.title !== undefined) out.title = tool.title;
  out.description = tool.description;
  out.inputSchema = tool.inputSchema;
  if (tool.icons !== undefined) out.icons = tool.icons;
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
function invokeExpression(
  moduleVar: string,
  tool: Pick<ToolSpec, "bindings" | "usesContext" | "exportName"> & { revival?: ToolSpec["revival"] },
): string {
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
  const call = `${member(moduleVar, tool.exportName)}(${args.join(", ")})`;
  // Dates and URLs arrive as strings: revived (in place) before the call.
  if (tool.revival !== undefined) return `${params} => (reviveArguments(a, ${JSON.stringify(tool.revival)}), ${call})`;
  return `${params} => ${call}`;
}

/**
 * server.js: imports the user's modules, the precompiled validators and the
 * listings in manifest.json, and hands the runtime a dispatch table.
 */
export function emitServerModule(
  tools: readonly ToolSpec[],
  entryModules: ReadonlyMap<string, string>,
  info: ServerInfo,
  sources: string,
  features: Features = { resources: [], resourceTemplates: [], prompts: [] },
): string {
  const moduleVars = new Map<string, string>();
  const imports: string[] = [];
  [...entryModules.entries()].forEach(([entry, path], i) => {
    const variable = `entry${i}`;
    moduleVars.set(entry, variable);
    imports.push(`import * as ${variable} from ${JSON.stringify(`./${path}`)};`);
  });
  const toolEntries = tools.map((tool, i) => {
    const fields = [
      `tool: manifest.tools[${i}]`,
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
  const moduleOf = (entryFile: string): string => moduleVars.get(entryFile)!;
  const argumentsOf = (entryFile: string, specs: readonly ArgumentSpec[]): string =>
    `[${specs.map((spec) => argumentEntry(moduleOf(entryFile), spec)).join(", ")}]`;
  const resources = features.resources.map(
    (r, i) => `{ resource: manifest.resources[${i}], read: ${invokeExpression(moduleOf(r.entryFile), { ...r, usesContext: true })}, contents: ${JSON.stringify(r.contents)} }`,
  );
  const templates = features.resourceTemplates.map(
    (r, i) =>
      `{ template: manifest.resourceTemplates[${i}], variables: ${argumentsOf(r.entryFile, r.variables ?? [])}, read: ${invokeExpression(moduleOf(r.entryFile), { ...r, usesContext: true })}, contents: ${JSON.stringify(r.contents)} }`,
  );
  const prompts = features.prompts.map(
    (p, i) =>
      `{ prompt: manifest.prompts[${i}], arguments: ${argumentsOf(p.entryFile, p.arguments)}, get: ${invokeExpression(moduleOf(p.entryFile), { ...p, usesContext: true })}, result: ${JSON.stringify(p.result)} }`,
  );
  const extra: string[] = [];
  if (resources.length > 0) extra.push(`, resources: [${resources.join(", ")}]`);
  if (templates.length > 0) extra.push(`, resourceTemplates: [${templates.join(", ")}]`);
  if (prompts.length > 0) extra.push(`, prompts: [${prompts.join(", ")}]`);
  return [
    `// ${GENERATED_BY} from ${sources}. Do not edit: run \`mcpc build\` again instead.`,
    `import { createRequire } from "node:module";`,
    `import { startServer } from "mcpc/runtime/server";`,
    ...(tools.some((t) => t.revival !== undefined) ? [`import { reviveArguments } from "mcpc/runtime/revive";`] : []),
    ...imports,
    "",
    // require(), not import: an ESM import of a CommonJS file starts Node's
    // CommonJS export scanner (a WebAssembly module), ~7 MB of RSS.
    `const require = createRequire(import.meta.url);`,
    `const validators = require("./validators.cjs");`,
    // What tools/list and the other lists send is manifest.json itself: read
    // as data, not inlined as code, so server.js stays the size of its
    // dispatch table (and prettier's time to lay it out with it).
    `const manifest = require("./manifest.json");`,
    "",
    `export const definition = { name: ${JSON.stringify(info.name)}, version: ${JSON.stringify(info.version)}, tools: [${toolEntries.join(", ")}]${extra.join("")}${info.defaults === undefined ? "" : `, defaults: ${JSON.stringify(info.defaults)}`} };`,
    // Exported so `mcpc/testing` can serve it in-process; startServer stands aside while it imports.
    `await startServer(definition);`,
    "",
  ].join("\n");
}

/** A template variable or prompt argument for the runtime: its type, literal values and completer. */
function argumentEntry(moduleVar: string, spec: ArgumentSpec): string {
  const fields = [`name: ${JSON.stringify(spec.name)}`, `type: ${JSON.stringify(spec.type)}`];
  if (spec.values !== undefined) fields.push(`values: ${JSON.stringify(spec.values)}`);
  if (spec.completeWith !== undefined) fields.push(`complete: (v, c) => ${member(moduleVar, spec.completeWith)}(v, c)`);
  return `{ ${fields.join(", ")} }`;
}
