import { ErrorCode, RpcError } from "./jsonrpc.js";
import type { MethodHandler } from "./method-handler.js";

/**
 * A list method answering from pages serialised once at start-up: the first
 * page without a cursor, each later one by the opaque cursor the page before
 * gave as `nextCursor`. An unknown cursor is invalid params, as the spec asks.
 */
export function pagedList(key: string, items: readonly unknown[], pageSize: number): MethodHandler {
  const size = Math.max(1, pageSize);
  const count = Math.max(1, Math.ceil(items.length / size));
  const pages = new Map<string | undefined, string>();
  for (let i = 0; i < count; i++) {
    const page: Record<string, unknown> = { [key]: items.slice(i * size, (i + 1) * size) };
    if (i + 1 < count) page.nextCursor = cursorOf(i + 1);
    pages.set(i === 0 ? undefined : cursorOf(i), JSON.stringify(page));
  }
  return (params) => {
    const cursor = params.cursor;
    const page = pages.get(cursor === undefined || cursor === null ? undefined : String(cursor));
    if (page === undefined) throw new RpcError(ErrorCode.InvalidParams, `Invalid params: unknown cursor for ${key}`);
    return page;
  };
}

function cursorOf(index: number): string {
  return Buffer.from(`page:${index}`).toString("base64url");
}
