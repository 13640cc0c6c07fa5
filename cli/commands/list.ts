import { analyze, type JsonSchema, toolListing } from "../../compiler/index.js";
import type { ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { openProject } from "../open-project.js";
import { ANALYSIS_OPTIONS, ANALYSIS_OPTIONS_HELP } from "../project.js";
import { hasErrors } from "../report.js";

export const list: Command = {
  name: "list",
  options: { ...ANALYSIS_OPTIONS, json: "boolean" },
  help: `Usage: mcpc list [entry.ts...] [options]

Shows what the server would offer: each tool with its description and
parameters (type, required or default, description) and the OAuth scopes
a caller needs ([scope …], from @scope), then its resources, resource
templates and prompts. Writes nothing.

Options:
  --json                  print the exact tools/list result the server sends
${ANALYSIS_OPTIONS_HELP}

Examples:
  mcpc list src/tools.ts
  mcpc list --json | jq '.tools[].name'`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    const opened = openProject(args, cli);
    if (opened === undefined) return EXIT_USAGE;
    const { printer, setup } = opened;
    const result = analyze(setup.options);
    if (hasErrors(result.diagnostics)) {
      printer.print(result.diagnostics);
      printer.summarize(result.diagnostics);
      return EXIT_PROBLEMS;
    }
    const tools = result.tools.map(toolListing);
    // Same serialisation as the runtime's tools/list answer (see ServerCore).
    if (args.options.json === true) cli.out(`${JSON.stringify({ tools })}\n`);
    else cli.out(renderTools(tools.map((listing, i) => ({ ...listing, scopes: result.tools[i]!.scopes })) as unknown as ListedTool[]) + renderFeatures(result.features));
    return EXIT_OK;
  },
};

interface ListedTool {
  name: string;
  description?: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  /** From `@scope`: what a caller's token must grant (not part of the listing). */
  scopes?: string[];
}

/** `  [scope notes:write]`: the OAuth scopes a caller needs, after the item they guard. */
function scopeText(scopes: readonly string[] | undefined): string {
  return scopes === undefined || scopes.length === 0 ? "" : `  [scope${scopes.length > 1 ? "s" : ""} ${scopes.join(" ")}]`;
}

function renderTools(tools: ListedTool[]): string {
  if (tools.length === 0) return "No tools.\n";
  const blocks = tools.map((tool) => {
    const properties = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((tool.inputSchema.required ?? []) as string[]);
    const rows = Object.entries(properties).map(([name, schema]) => [
      name,
      typeText(schema),
      required.has(name) ? "required" : schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : "optional",
      firstLine(typeof schema.description === "string" ? schema.description : ""),
    ]);
    const header = `${tool.name}  ${firstLine(tool.description ?? "")}${scopeText(tool.scopes)}`;
    const returns = tool.outputSchema === undefined ? "" : `\n    returns ${typeText(tool.outputSchema)}`;
    return `${header}\n${rows.length === 0 ? "    (no parameters)" : table(rows, "    ")}${returns}`;
  });
  return `${blocks.join("\n\n")}\n\n${tools.length} tool(s).\n`;
}

function table(rows: string[][], indent: string): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${indent}${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")}`.trimEnd()).join("\n");
}

function firstLine(text: string): string {
  const line = text.split("\n")[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/** A short TypeScript-like rendering of a schema's type. */
export function typeText(schema: JsonSchema): string {
  // A recursive type is a reference to its definition: show the definition's (the type's) name.
  if (typeof schema.$ref === "string") return schema.$ref.replace(/^#\/\$defs\//, "");
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants)) return variants.map(typeText).join(" | ");
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") {
    const item = typeof schema.items === "object" && schema.items !== null ? typeText(schema.items as JsonSchema) : "unknown";
    return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
  }
  if (schema.type === "object") {
    const props = Object.keys((schema.properties ?? {}) as object);
    return props.length === 0 ? "object" : `{ ${props.join(", ")} }`;
  }
  if (schema.type === "integer") return "integer";
  return schema.type ?? "any";
}

interface Listed {
  listing: Record<string, unknown>;
  scopes?: string[];
}

/** Resources, templates and prompts, one line each (prompts with their arguments). */
function renderFeatures(features: { resources: Listed[]; resourceTemplates: Listed[]; prompts: Listed[] } | undefined): string {
  if (features === undefined) return "";
  const sections: string[] = [];
  const line = (key: string, item: Listed) => {
    const l = item.listing;
    const extra = typeof l.mimeType === "string" ? `  (${l.mimeType})` : "";
    return `${String(l[key])}  ${firstLine(String(l.description ?? l.name ?? ""))}${extra}${scopeText(item.scopes)}`.trimEnd();
  };
  if (features.resources.length > 0) sections.push(`Resources:\n${features.resources.map((r) => `    ${line("uri", r)}`).join("\n")}`);
  if (features.resourceTemplates.length > 0) {
    sections.push(`Resource templates:\n${features.resourceTemplates.map((r) => `    ${line("uriTemplate", r)}`).join("\n")}`);
  }
  if (features.prompts.length > 0) {
    const blocks = features.prompts.map((p) => {
      const args = (p.listing.arguments ?? []) as Array<{ name: string; description?: string; required?: boolean }>;
      const rows = args.map((a) => [a.name, a.required ? "required" : "optional", firstLine(a.description ?? "")]);
      return `    ${line("name", p)}${rows.length === 0 ? "" : `\n${table(rows, "        ")}`}`;
    });
    sections.push(`Prompts:\n${blocks.join("\n")}`);
  }
  return sections.length === 0 ? "" : `\n${sections.join("\n\n")}\n`;
}
