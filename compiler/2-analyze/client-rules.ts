// Which JSON Schema constructs which MCP clients and model providers are known
// to reject or mangle: one table, each rule with the public sources it rests on.
// `mcpc check --clients …` turns matches into MCPC4001 warnings; a warning is
// advice (the schema is valid JSON Schema), so it never fails the check.
import type { ToolSpec } from "./tool-spec.js";
import type { JsonSchema } from "../schema/json-schema.js";
import { Messages } from "../diagnostics/catalog.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

export const KNOWN_CLIENTS: readonly string[] = ["claude", "claude-code", "openai", "codex", "gemini", "cursor", "copilot"];

/** One node of a tool's schema, with where it sits. */
export interface SchemaSite {
  schema: JsonSchema;
  /** JSON pointer inside the tool's input or output schema ("" for the root). */
  pointer: string;
  root: boolean;
  side: "input" | "output";
}

export interface ClientRule {
  id: string;
  clients: readonly string[];
  construct: string;
  effect: "rejected" | "mangled" | "ignored";
  fix: string;
  /** Public reports of the behaviour. */
  sources: readonly string[];
  /** Input schemas only: providers see output schemas only through the MCP client, not as function parameters. */
  inputOnly: boolean;
  matches(site: SchemaSite): boolean;
}

/** mcpc's own page on client compatibility: each rule, who it protects and what to write instead. */
const SHAPES_DOC = "mcpc's docs/schema-shapes.md, 'Client compatibility'";
const OPENAI_STRICT = "https://platform.openai.com/docs/guides/structured-outputs#supported-schemas";

export const CLIENT_RULES: readonly ClientRule[] = [
  {
    id: "root-union",
    clients: ["claude", "openai", "codex"],
    construct: "a union (anyOf/oneOf/allOf) at the root of the schema",
    effect: "rejected",
    fix: "Take one object parameter and put the alternatives inside a property.",
    sources: [SHAPES_DOC, OPENAI_STRICT],
    inputOnly: true,
    matches: (s) => s.root && (s.schema.anyOf !== undefined || s.schema.oneOf !== undefined || s.schema.allOf !== undefined),
  },
  {
    id: "ref",
    clients: ["claude", "claude-code", "copilot", "codex", "gemini"],
    construct: "a $ref/$defs reference",
    effect: "mangled",
    fix: "mcpc writes $ref only for a recursive type (or one tagged @ref). For these clients, drop @ref; for a recursive type, bound its depth with non-recursive types (a 'Tree' whose children are 'Tree2', whose children are leaves), or take the nested part as 'unknown' tagged @json and check it in the function.",
    sources: [SHAPES_DOC, "https://github.com/google-gemini/gemini-cli/pull/9574", "https://github.com/anomalyco/opencode/pull/14234"],
    inputOnly: false,
    matches: (s) => s.schema.$ref !== undefined || s.schema.$defs !== undefined,
  },
  {
    id: "type-array",
    clients: ["gemini", "cursor"],
    construct: 'a type array such as ["string","null"]',
    effect: "rejected",
    fix: "Make the parameter optional instead of nullable (`x?: string` rather than `x: string | null`).",
    sources: [SHAPES_DOC, "https://github.com/github/copilot-cli/issues/4623", "https://github.com/t8y2/dbx/issues/6233"],
    inputOnly: true,
    matches: (s) => Array.isArray(s.schema.type),
  },
  {
    id: "array-without-items",
    clients: ["gemini", "copilot"],
    construct: "an array without 'items'",
    effect: "rejected",
    fix: "Give the array an element type (`string[]` rather than `unknown[]`).",
    sources: [SHAPES_DOC, "https://github.com/backstage/backstage/issues/34038", "https://github.com/cline/cline/issues/7339"],
    inputOnly: true,
    matches: (s) => (s.schema.type === "array" || (Array.isArray(s.schema.type) && s.schema.type.includes("array"))) && s.schema.items === undefined && s.schema.prefixItems === undefined,
  },
  {
    id: "schema-key",
    clients: ["openai", "gemini"],
    construct: "a $schema key",
    effect: "rejected",
    fix: "Leave $schema out of tool schemas.",
    sources: [SHAPES_DOC],
    inputOnly: true,
    matches: (s) => s.schema.$schema !== undefined,
  },
  {
    id: "additional-properties",
    clients: ["gemini"],
    construct: "'additionalProperties'",
    effect: "rejected",
    fix: "Gemini rejects the whole tool batch; clients that sanitise schemas strip it, others fail. Nothing to change in mcpc's output if you do not target Gemini directly.",
    sources: ["https://github.com/anomalyco/opencode/pull/14234"],
    inputOnly: true,
    matches: (s) => s.schema.additionalProperties !== undefined,
  },
  {
    id: "openai-strict-format",
    clients: ["openai"],
    construct: "'format' (OpenAI strict mode)",
    effect: "rejected",
    fix: "Describe the format in the parameter's documentation instead, or accept that strict mode is off for this tool.",
    sources: [OPENAI_STRICT, SHAPES_DOC],
    inputOnly: true,
    matches: (s) => s.schema.format !== undefined,
  },
  {
    id: "openai-strict-default",
    clients: ["openai"],
    construct: "'default' (OpenAI strict mode)",
    effect: "rejected",
    fix: "Mention the default in the parameter's documentation; strict mode wants every property required and sent.",
    sources: [OPENAI_STRICT, SHAPES_DOC],
    inputOnly: true,
    matches: (s) => s.schema.default !== undefined,
  },
  {
    id: "openai-strict-optional",
    clients: ["openai"],
    construct: "an object with optional properties or without 'additionalProperties: false' (OpenAI strict mode)",
    effect: "rejected",
    fix: "Strict mode wants every property required (use `x: T | null` for optional ones) and additionalProperties false.",
    sources: [OPENAI_STRICT, SHAPES_DOC],
    inputOnly: true,
    matches: (s) => {
      if (s.schema.type !== "object" || typeof s.schema.properties !== "object" || s.schema.properties === null) return false;
      const names = Object.keys(s.schema.properties as object);
      const required = Array.isArray(s.schema.required) ? (s.schema.required as string[]) : [];
      return s.schema.additionalProperties !== false || names.some((n) => !required.includes(n));
    },
  },
];

/** Every node of a schema, depth first, with its JSON pointer. */
export function* schemaSites(schema: JsonSchema, side: "input" | "output"): Generator<SchemaSite> {
  function* walk(node: unknown, pointer: string): Generator<SchemaSite> {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return;
    const schemaNode = node as JsonSchema;
    yield { schema: schemaNode, pointer, root: pointer === "", side };
    for (const key of ["properties", "$defs", "definitions", "patternProperties"]) {
      const children = schemaNode[key];
      if (typeof children === "object" && children !== null) {
        for (const [name, child] of Object.entries(children)) yield* walk(child, `${pointer}/${key}/${escapePointer(name)}`);
      }
    }
    for (const key of ["items", "additionalProperties", "not", "contains"]) yield* walk(schemaNode[key], `${pointer}/${key}`);
    for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
      const list = schemaNode[key];
      if (Array.isArray(list)) for (let i = 0; i < list.length; i++) yield* walk(list[i], `${pointer}/${key}/${i}`);
    }
  }
  yield* walk(schema, "");
}

function escapePointer(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Warnings for the tools' schemas against the named clients: one per rule and tool side, at the first place it matches. */
export function clientWarnings(tools: readonly ToolSpec[], clients: readonly string[]): Diagnostic[] {
  const wanted = new Set(clients);
  const rules = CLIENT_RULES.filter((r) => r.clients.some((c) => wanted.has(c)));
  const out: Diagnostic[] = [];
  for (const tool of tools) {
    const sides: Array<[JsonSchema, "input" | "output"]> = [[tool.inputSchema, "input"]];
    if (tool.outputSchema !== undefined) sides.push([tool.outputSchema, "output"]);
    for (const rule of rules) {
      for (const [schema, side] of sides) {
        if (rule.inputOnly && side === "output") continue;
        const hit = [...schemaSites(schema, side)].find((s) => rule.matches(s));
        if (hit === undefined) continue;
        out.push(
          createDiagnostic(
            Messages.ClientSchemaConstruct,
            {
              tool: tool.name,
              where: `${side}Schema${hit.pointer === "" ? "" : `#${hit.pointer}`}`,
              construct: rule.construct,
              clients: rule.clients.filter((c) => wanted.has(c)).join(", "),
              effect: rule.effect,
              fix: `${rule.fix} (rule '${rule.id}'; sources: ${rule.sources.join("; ")})`,
            },
            tool.node,
          ),
        );
      }
    }
  }
  return out;
}
