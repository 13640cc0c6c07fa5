import type { ArgumentDefinition } from "../definition.js";
import { ErrorCode, RpcError } from "./jsonrpc.js";

/**
 * Converts the text of template variables or prompt arguments to the types of
 * the function's parameters. A value that does not convert, or is not one of
 * a literal union's values, is invalid params.
 */
export function convertArguments(specs: readonly ArgumentDefinition[], raw: Record<string, unknown>, what: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const text = raw[spec.name];
    if (text === undefined || text === null) continue;
    if (typeof text !== "string") throw invalid(`${what}: '${spec.name}' must be a string`);
    if (spec.values !== undefined && !spec.values.includes(text)) {
      throw invalid(`${what}: '${spec.name}' must be one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(text)}`);
    }
    out[spec.name] = convert(spec, text, what);
  }
  return out;
}

function convert(spec: ArgumentDefinition, text: string, what: string): unknown {
  switch (spec.type) {
    case "string":
      return text;
    case "boolean":
      if (text === "true") return true;
      if (text === "false") return false;
      throw invalid(`${what}: '${spec.name}' must be true or false, got ${JSON.stringify(text)}`);
    case "number":
    case "integer": {
      const value = text.trim() === "" ? NaN : Number(text);
      if (!Number.isFinite(value) || (spec.type === "integer" && !Number.isInteger(value))) {
        throw invalid(`${what}: '${spec.name}' must be ${spec.type === "integer" ? "an integer" : "a number"}, got ${JSON.stringify(text)}`);
      }
      return value;
    }
  }
}

function invalid(message: string): RpcError {
  return new RpcError(ErrorCode.InvalidParams, `Invalid params: ${message}`);
}
