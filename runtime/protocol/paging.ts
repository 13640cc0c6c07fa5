import { ErrorCode, RpcError } from "./jsonrpc.js";
import type { MethodHandler } from "./method-handler.js";
import { featuresOf, isLatestShape, shapeListed } from "./version-shaping.js";

/**
 * A list method answering from pages serialised once at start-up: the first
 * page without a cursor, each later one by the opaque cursor the page before
 * gave as `nextCursor`. An unknown cursor is invalid params, as the spec asks.
 * Sessions on older protocol versions get the items without the fields their
 * version lacks (version-shaping.ts), serialised once per version on first use.
 */
export function pagedList(key: string, items: readonly unknown[], pageSize: number): MethodHandler {
  const size = Math.max(1, pageSize);
  const count = Math.max(1, Math.ceil(items.length / size));
  const serialise = (list: readonly unknown[]): Map<string | undefined, string> => {
    const pages = new Map<string | undefined, string>();
    for (let i = 0; i < count; i++) {
      const page: Record<string, unknown> = { [key]: list.slice(i * size, (i + 1) * size) };
      if (i + 1 < count) page.nextCursor = cursorOf(i + 1);
      pages.set(i === 0 ? undefined : cursorOf(i), JSON.stringify(page));
    }
    return pages;
  };
  const latest = serialise(items);
  const byVersion = new Map<string, Map<string | undefined, string>>();
  const pagesFor = (version: string | undefined): Map<string | undefined, string> => {
    if (isLatestShape(version)) return latest;
    let pages = byVersion.get(version!);
    if (pages === undefined) {
      const features = featuresOf(version);
      pages = serialise(items.map((item) => shapeListed(item as Record<string, unknown>, features)));
      byVersion.set(version!, pages);
    }
    return pages;
  };
  return (params, session) => {
    const cursor = params.cursor;
    const page = pagesFor(session.protocolVersion).get(cursor === undefined || cursor === null ? undefined : String(cursor));
    if (page === undefined) throw new RpcError(ErrorCode.InvalidParams, `Invalid params: unknown cursor for ${key}`);
    return page;
  };
}

function cursorOf(index: number): string {
  return Buffer.from(`page:${index}`).toString("base64url");
}
