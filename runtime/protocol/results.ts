import type { ToolDefinition } from "../definition.js";

/** The options that decide how a tool's outcome is reported. */
export interface ResultOptions {
  /** Largest serialised result sent; past it the client gets an isError result. */
  maxResultBytes: number;
}

/** A CallToolResult with isError, as JSON. */
export function toolErrorJson(message: string): string {
  return `{"content":[{"type":"text","text":${JSON.stringify(message)}}],"isError":true}`;
}

export class ResultError extends Error {}

/**
 * Serialises a tool's return value into a CallToolResult, the way the compiler
 * decided from its declared return type. Throws ResultError with a message for
 * the model when the value cannot be sent as declared.
 */
export function toolResultJson(tool: ToolDefinition, value: unknown, options: ResultOptions): string {
  let json: string;
  switch (tool.result) {
    case "text":
      json = `{"content":[{"type":"text","text":${JSON.stringify(value === undefined ? "" : String(value))}}]}`;
      break;
    case "void":
      json = `{"content":[]}`;
      break;
    case "content": {
      // Strings among the blocks are text blocks.
      const blocks = (Array.isArray(value) ? value : [value]).map((b: unknown) => (typeof b === "string" ? { type: "text", text: b } : b));
      json = `{"content":${serialise(tool, blocks)}}`;
      break;
    }
    case "structured":
    case "wrapped": {
      const structured = tool.result === "wrapped" ? { result: value } : value;
      if (structured === null || typeof structured !== "object" || Array.isArray(structured)) {
        throw new ResultError(`Tool '${tool.tool.name}' returned ${describe(value)} where an object was declared.`);
      }
      const text = serialise(tool, structured);
      checkOutput(tool, structured, text);
      // The same JSON twice: as structuredContent for clients that read it and
      // as a text block for those that only show text.
      json = `{"content":[{"type":"text","text":${JSON.stringify(tool.result === "wrapped" ? serialise(tool, value) : text)}}],"structuredContent":${text}}`;
      break;
    }
  }
  if (json.length > options.maxResultBytes) {
    throw new ResultError(
      `Tool '${tool.tool.name}' returned a result of ${json.length} bytes, over the server's limit of ${options.maxResultBytes}. Ask for less (narrow the query or page through it).`,
    );
  }
  return json;
}

function serialise(tool: ToolDefinition, value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) throw new ResultError(`Tool '${tool.tool.name}' returned ${describe(value)}, which is not JSON.`);
    return text;
  } catch (error) {
    if (error instanceof ResultError) throw error;
    throw new ResultError(`Tool '${tool.tool.name}' returned a value that cannot be sent as JSON: ${(error as Error).message}`);
  }
}

function checkOutput(tool: ToolDefinition, value: unknown, text: string): void {
  const validate = tool.validateOutput;
  if (validate === undefined) return;
  // Validate what the client will see: where the type holds Dates or URLs,
  // that is the JSON (strings there), so it is parsed back first.
  if (!validate(tool.outputViaJson ? JSON.parse(text) : value)) {
    const first = validate.errors?.[0];
    const where = first ? `${first.instancePath || "(root)"} ${first.message ?? first.keyword}` : "";
    throw new ResultError(`Tool '${tool.tool.name}' returned a value that does not match its declared output type: ${where}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
