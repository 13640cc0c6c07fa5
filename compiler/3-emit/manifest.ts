import type { Manifest, RequiredScopes, ToolListing } from "../../runtime/contract.js";
import type { Analysis } from "../2-analyze/analysis.js";
import type { ToolSpec } from "../2-analyze/tool-spec.js";
import { TextParts } from "./output-files.js";

/** What tools/list advertises for a tool, keys in a fixed order. */
export function toolListing(tool: ToolSpec): ToolListing {
  return {
    name: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: tool.inputSchema,
    ...(tool.icons !== undefined ? { icons: tool.icons } : {}),
    ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
    ...(tool.annotations !== undefined ? { annotations: { ...(tool.title ? { title: tool.title } : {}), ...tool.annotations } } : {}),
  };
}

/** manifest.json: every listing the server answers with, as it sends them (`tools`: the tools' listings, when the caller lays them out itself). */
export function manifestOf(
  analysis: Pick<Analysis, "tools" | "resources" | "resourceTemplates" | "prompts">,
  tools: ToolListing[] = analysis.tools.map(toolListing),
): Manifest {
  const manifest: Manifest = {
    tools,
    resources: analysis.resources.map((r) => r.listing),
    resourceTemplates: analysis.resourceTemplates.map((r) => r.listing),
    prompts: analysis.prompts.map((p) => p.listing),
  };
  const scopes = requiredScopes(analysis);
  if (scopes !== undefined) manifest.scopes = scopes;
  return manifest;
}

/** Who needs which `@scope`, keyed as each list names its items; undefined when nothing does. */
export function requiredScopes(analysis: Pick<Analysis, "tools" | "resources" | "resourceTemplates" | "prompts">): RequiredScopes | undefined {
  const section = (items: readonly { scopes?: string[] }[], keyOf: (index: number) => string): Record<string, string[]> | undefined => {
    const entries = items.flatMap((item, i) => (item.scopes !== undefined ? [[keyOf(i), item.scopes] as const] : []));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  };
  const out: RequiredScopes = {};
  const tools = section(analysis.tools, (i) => analysis.tools[i]!.name);
  const resources = section(analysis.resources, (i) => String(analysis.resources[i]!.listing.uri));
  const templates = section(analysis.resourceTemplates, (i) => String(analysis.resourceTemplates[i]!.listing.uriTemplate));
  const prompts = section(analysis.prompts, (i) => String(analysis.prompts[i]!.listing.name));
  if (tools !== undefined) out.tools = tools;
  if (resources !== undefined) out.resources = resources;
  if (templates !== undefined) out.resourceTemplates = templates;
  if (prompts !== undefined) out.prompts = prompts;
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * manifest.json's text (JSON.stringify's layout, two spaces), kept in parts:
 * each tool's listing is its own part, made once per spec object. A watch
 * rebuild hands on the specs of the tools its edit did not reach, so it
 * lays out and writes again only the tools that changed (400 KB at 200 tools).
 */
export function manifestFile(analysis: Pick<Analysis, "tools" | "resources" | "resourceTemplates" | "prompts">): TextParts {
  // Everything but the tools' listings (the scopes still name the tools), which are laid out below.
  const whole = `${JSON.stringify(manifestOf(analysis, []), null, 2)}\n`;
  if (analysis.tools.length === 0) return new TextParts([whole]);
  // `tools` is the first key: the rest of the text follows its empty list.
  const emptyTools = '{\n  "tools": []';
  if (!whole.startsWith(emptyTools)) throw new Error("manifest.json: the tools are not the first key");
  const parts = ['{\n  "tools": [\n'];
  analysis.tools.forEach((tool, i) => {
    if (i > 0) parts.push(",\n");
    parts.push(listingText(tool));
  });
  parts.push(`\n  ]${whole.slice(emptyTools.length)}`);
  return new TextParts(parts);
}

const listingTexts = new WeakMap<ToolSpec, string>();

/** A tool's listing as it stands in the manifest's list: laid out alone, then every line indented two levels. */
function listingText(tool: ToolSpec): string {
  let text = listingTexts.get(tool);
  if (text === undefined) {
    // A JSON text has line breaks only between its tokens (strings escape theirs).
    text = `    ${JSON.stringify(toolListing(tool), null, 2).replace(/\n/g, "\n    ")}`;
    listingTexts.set(tool, text);
  }
  return text;
}
