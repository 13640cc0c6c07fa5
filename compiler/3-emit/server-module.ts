import type { ServerInfo } from "../1-load/server-info.js";
import type { Features } from "../2-analyze/analysis.js";
import type { ArgumentSpec } from "../2-analyze/feature-spec.js";
import type { ParameterBinding, ToolSpec } from "../2-analyze/tool-spec.js";
import { formatWithPrettier } from "./format.js";
import { Code, fitsPrettierLayout, LaidOut, layOut, memberAccess, Method, stringLiteral, type Value } from "./layout.js";
import { GENERATED_BY } from "./output-files.js";
import { RUNTIME_DIR } from "./runtime-copy.js";

export function validatorKey(index: number, side: "input" | "output"): string {
  return `tool${index}_${side}`;
}

/** The arguments of the call to a tool's function: named arguments to positions, the context injected. */
function callArguments(bindings: readonly ParameterBinding[]): string {
  return bindings
    .map((b) => {
      switch (b.kind) {
        case "named":
          return memberAccess("a", b.name);
        case "rest":
          return `...(${memberAccess("a", b.name)} ?? [])`;
        case "whole":
          return "a";
        case "context":
          return "c";
      }
    })
    .join(", ");
}

/**
 * A function's entry in the dispatch table, as a method. Dates and URLs
 * arrive as strings: revived (in place, by the plan hoisted to a constant)
 * before the call.
 */
function invoker(moduleVar: string, feature: { bindings: readonly ParameterBinding[]; exportName: string; usesContext: boolean }, revivalConstant?: string): Method {
  const call = `${memberAccess(moduleVar, feature.exportName)}(${callArguments(feature.bindings)})`;
  const body = revivalConstant === undefined ? [`return ${call};`] : [`reviveArguments(a, ${revivalConstant});`, `return ${call};`];
  return new Method(feature.usesContext ? "(a, c)" : "(a)", body);
}

/**
 * server.js: imports the user's modules, the precompiled validators and the
 * listings in manifest.json, and hands the runtime a dispatch table. Written
 * in prettier's layout (./layout.ts), so no formatter runs on it.
 */
export async function emitServerModule(
  tools: readonly ToolSpec[],
  entryModules: ReadonlyMap<string, string>,
  info: ServerInfo,
  sources: string,
  features: Features = { resources: [], resourceTemplates: [], prompts: [] },
): Promise<string> {
  const moduleVars = new Map<string, string>();
  const imports: string[] = [];
  [...entryModules.entries()].forEach(([entry, path], i) => {
    const variable = `entry${i}`;
    moduleVars.set(entry, variable);
    imports.push(`import * as ${variable} from ${stringLiteral(`./${path}`)};`);
  });
  const moduleOf = (entryFile: string): string => moduleVars.get(entryFile)!;
  const revivalPlans: string[] = [];
  const toolEntries = tools.map((tool, i) => {
    const laid = laidOutTool(tool, i, moduleOf(tool.entryFile));
    revivalPlans.push(...laid.revival);
    return laid.entry;
  });
  const argumentsOf = (entryFile: string, specs: readonly ArgumentSpec[]): Value[] => specs.map((spec) => argumentEntry(moduleOf(entryFile), spec));
  const definition: Record<string, Value | undefined> = {
    name: info.name,
    version: info.version,
    tools: toolEntries,
    resources: features.resources.length === 0 ? undefined : features.resources.map((r, i) => ({
      resource: new Code(`manifest.resources[${i}]`),
      read: invoker(moduleOf(r.entryFile), { ...r, usesContext: true }),
      contents: r.contents,
      scopes: r.scopes as Value | undefined,
    })),
    resourceTemplates: features.resourceTemplates.length === 0 ? undefined : features.resourceTemplates.map((r, i) => ({
      template: new Code(`manifest.resourceTemplates[${i}]`),
      variables: argumentsOf(r.entryFile, r.variables ?? []),
      read: invoker(moduleOf(r.entryFile), { ...r, usesContext: true }),
      contents: r.contents,
      scopes: r.scopes as Value | undefined,
    })),
    prompts: features.prompts.length === 0 ? undefined : features.prompts.map((p, i) => ({
      prompt: new Code(`manifest.prompts[${i}]`),
      arguments: argumentsOf(p.entryFile, p.arguments),
      get: invoker(moduleOf(p.entryFile), { ...p, usesContext: true }),
      result: p.result,
      scopes: p.scopes as Value | undefined,
    })),
    defaults: info.defaults as Value | undefined,
  };
  const text = [
    `// ${GENERATED_BY} from ${sources}. Do not edit: run \`mcpc build\` again instead.`,
    `import { createRequire } from "node:module";`,
    // The runtime copied beside server.js (runtime-copy.ts): the server runs with mcpc installed or not.
    `import { createFetchHandler, startServer } from "./${RUNTIME_DIR}/server.js";`,
    ...(tools.some((t) => t.revival !== undefined) ? [`import { reviveArguments } from "./${RUNTIME_DIR}/revive.js";`] : []),
    ...imports,
    "",
    // require(), not import: an ESM import of a CommonJS file starts Node's
    // CommonJS export scanner (a WebAssembly module) and its memory.
    `const require = createRequire(import.meta.url);`,
    `const validators = require("./validators.cjs");`,
    // What tools/list and the other lists send is manifest.json itself: read
    // as data, not inlined as code, so server.js stays the size of its
    // dispatch table.
    `const manifest = require("./manifest.json");`,
    "",
    ...revivalPlans,
    ...layOut("export const definition = ", definition as Value, ";", ""),
    // Exported so `mcpc/testing` can serve it in-process; startServer stands aside while it imports.
    // `fetch`: the Web-standard entry (Bun, Deno, Workers); startServer serves only when this file is the entry.
    `export const fetch = createFetchHandler(definition);`,
    `await startServer(definition, {}, import.meta.url);`,
    "",
  ].join("\n");
  return fitsPrettierLayout(text) ? text : await formatWithPrettier(text);
}

interface LaidOutTool {
  /** Where it stands in the list (the validators' keys and the manifest's index are by position) and its module. */
  place: string;
  /** Its entry in the definition's tools list. */
  entry: LaidOut;
  /** The constant of its revival plan, when it has one, and a blank line after. */
  revival: string[];
}

/**
 * Each tool's part of server.js, laid out once per spec object and place:
 * a watch rebuild hands on the specs of the tools its edit did not reach,
 * so it lays out again only the tools that changed.
 */
const laidOutTools = new WeakMap<ToolSpec, LaidOutTool>();

function laidOutTool(tool: ToolSpec, i: number, moduleVar: string): LaidOutTool {
  const place = `${i} ${moduleVar}`;
  const known = laidOutTools.get(tool);
  if (known !== undefined && known.place === place) return known;
  let revivalConstant: string | undefined;
  const revival: string[] = [];
  if (tool.revival !== undefined) {
    revivalConstant = `revival${i}`;
    revival.push(...layOut(`const ${revivalConstant} = `, tool.revival as unknown as Value, ";", ""), "");
  }
  const entry: Value = {
    tool: new Code(`manifest.tools[${i}]`),
    validateInput: new Code(`validators.${validatorKey(i, "input")}`),
    validateOutput: tool.outputSchema === undefined ? undefined : new Code(`validators.${validatorKey(i, "output")}`),
    invoke: invoker(moduleVar, tool, revivalConstant),
    result: tool.result,
    outputViaJson: tool.outputViaJson ? true : undefined,
    usesContext: tool.usesContext ? true : undefined,
    timeoutMs: tool.timeoutMs,
    scopes: tool.scopes as Value | undefined,
  };
  // The definition's tools list sits one level in: its elements two.
  const laid = { place, entry: new LaidOut("    ", entry, ",", "    "), revival };
  laidOutTools.set(tool, laid);
  return laid;
}

/** A template variable or prompt argument for the runtime: its type, literal values and completer. */
function argumentEntry(moduleVar: string, spec: ArgumentSpec): Value {
  return {
    name: spec.name,
    type: spec.type,
    values: spec.values as Value | undefined,
    complete: spec.completeWith === undefined ? undefined : new Method("(v, c)", [`return ${memberAccess(moduleVar, spec.completeWith)}(v, c);`]),
  };
}
