// `mcpc build --client`: a typed client module beside the server. One async
// function per tool on top of the SDK's Client; its types come from the
// user's own functions (`typeof entry.fn`), so a call returns exactly the
// function's return type and a wrong argument is a compile error.
import { relative, sep } from "node:path";
import type { ToolSpec } from "../2-analyze/tool-spec.js";
import { GENERATED_BY } from "./output-files.js";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** The import specifier of a source file as seen from the output directory (.ts written as .js, as NodeNext wants). */
function importPath(outDir: string, sourceFile: string): string {
  let path = relative(outDir, sourceFile).split(sep).join("/").replace(/\.(m|c)?tsx?$/, (ext) => (ext.startsWith(".m") ? ".mjs" : ext.startsWith(".c") ? ".cjs" : ".js"));
  if (!path.startsWith(".")) path = `./${path}`;
  return path;
}

export function emitClientModule(tools: readonly ToolSpec[], outDir: string): Map<string, string> {
  const entries = [...new Set(tools.map((t) => t.entryFile))];
  const moduleVar = new Map(entries.map((e, i) => [e, `entry${i}`]));
  const methods = tools.map((tool) => `  ${key(tool.exportName)}: (args) => call(client, ${JSON.stringify(tool.name)}, args, ${JSON.stringify(tool.result)}),`);
  const js = `// ${GENERATED_BY}. Do not edit: run \`mcpc build --client\` again instead.
export class ToolCallError extends Error {
  constructor(tool, result) {
    super(\`Tool '\${tool}' failed: \${textOf(result)}\`);
    this.name = "ToolCallError";
    this.tool = tool;
    this.result = result;
  }
}

function textOf(result) {
  return (result.content ?? []).filter((block) => block.type === "text").map((block) => block.text).join("");
}

async function call(client, name, args, kind) {
  const result = await client.callTool({ name, arguments: args ?? {} });
  if (result.isError) throw new ToolCallError(name, result);
  switch (kind) {
    case "text":
      return textOf(result);
    case "structured":
      return result.structuredContent;
    case "wrapped":
      return result.structuredContent?.result;
    case "void":
      return undefined;
    default:
      return result.content;
  }
}

/** One async function per tool, calling it through the given (connected) SDK Client. */
export function createTools(client) {
  return {
${methods.join("\n")}
  };
}
`;
  const imports = entries.map((e) => `import type * as ${moduleVar.get(e)} from ${JSON.stringify(importPath(outDir, e))};`);
  const members = tools.map((tool) => {
    const fn = `typeof ${moduleVar.get(tool.entryFile)}.${tool.exportName}`;
    const required = new Set((tool.inputSchema.required ?? []) as string[]);
    const fields: string[] = [];
    let argsType: string | undefined;
    tool.bindings.forEach((binding, i) => {
      if (binding.kind === "whole") argsType = `Parameters<${fn}>[${i}]`;
      else if (binding.kind === "named") fields.push(`${key(binding.name)}${required.has(binding.name) ? "" : "?"}: Parameters<${fn}>[${i}]`);
      else if (binding.kind === "rest") fields.push(`${key(binding.name)}?: Parameters<${fn}>[${i}][]`);
    });
    argsType ??= `{ ${fields.join("; ")} }`;
    const optional = required.size === 0 ? "?" : "";
    const value = `Awaited<ReturnType<${fn}>>`;
    const returns =
      tool.result === "text" ? "string" : tool.result === "void" ? "void" : tool.result === "content" ? 'CallToolResult["content"]' : tool.outputViaJson ? `Jsonified<${value}>` : value;
    const doc = tool.description.split("\n").map((l) => `   * ${l}`.trimEnd()).join("\n");
    return `  /**\n${doc}\n   */\n  ${key(tool.exportName)}(args${optional}: ${argsType}): Promise<${returns}>;`;
  });
  const dts = `// ${GENERATED_BY}. Do not edit: run \`mcpc build --client\` again instead.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
${imports.join("\n")}

/** What a value becomes after JSON: dates and URLs arrive as strings. */
type Jsonified<T> = T extends Date | URL ? string : T extends (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

export interface Tools {
${members.join("\n")}
}

/** Thrown when a tool answers with isError; \`result\` is the whole CallToolResult. */
export declare class ToolCallError extends Error {
  readonly tool: string;
  readonly result: CallToolResult;
}

/** One async function per tool, calling it through the given (connected) SDK Client. */
export declare function createTools(client: Client): Tools;
`;
  return new Map([
    ["client.js", js],
    ["client.d.ts", dts],
  ]);
}

