/** JSON-RPC 2.0 error codes, plus the ones MCP defines. */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** MCP: resources/read for a URI the server does not have. */
  ResourceNotFound: -32002,
} as const;

/**
 * A string or a number, never null. An integer beyond 2^53 arrives as a
 * bigint holding the digits the client sent (see json-text.ts), so answers
 * echo it exactly.
 */
export type RequestId = string | number | bigint;

/** A request id as the spec allows it: a string or a number, never null. */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint";
}

/** A request id as JSON text: a bigint's digits as they were sent. */
export function idJson(id: RequestId | null): string {
  return typeof id === "bigint" ? id.toString() : JSON.stringify(id);
}

/** The progress token a request carries in `params._meta`, if any. */
export function progressTokenOf(params: Record<string, unknown>): RequestId | undefined {
  const meta = params._meta;
  return meta !== null && typeof meta === "object" ? ((meta as Record<string, unknown>).progressToken as RequestId | undefined) : undefined;
}

// Responses are assembled as strings: the result part is usually serialised
// once by the caller, and re-parsing or re-wrapping objects costs more than it
// is worth on the hot path.
export function resultLine(id: RequestId, resultJson: string): string {
  return `{"jsonrpc":"2.0","id":${idJson(id)},"result":${resultJson}}\n`;
}

export function errorLine(id: RequestId | null, code: number, message: string, data?: unknown): string {
  const error = data === undefined ? { code, message } : { code, message, data };
  return `{"jsonrpc":"2.0","id":${idJson(id)},"error":${JSON.stringify(error)}}\n`;
}

export function notificationLine(method: string, params: unknown): string {
  return `{"jsonrpc":"2.0","method":${JSON.stringify(method)},"params":${JSON.stringify(params)}}\n`;
}

export function requestLine(id: RequestId, method: string, params: unknown): string {
  return `{"jsonrpc":"2.0","id":${idJson(id)},"method":${JSON.stringify(method)}${
    params === undefined ? "" : `,"params":${JSON.stringify(params)}`
  }}\n`;
}

/** Thrown inside a handler to answer the request with a JSON-RPC error. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}
