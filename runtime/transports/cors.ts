// CORS for browser clients, governed by the same allow-list as the Origin
// check (--allowed-origins, or origins naming an allowed host): an origin the
// server accepts gets its preflight answered and may read the MCP headers; a
// refused one gets no CORS headers at all (and 403 from the Origin check).
import type { IncomingMessage, ServerResponse } from "node:http";

/** Request headers an MCP client sends. */
const ALLOWED_HEADERS = "Content-Type, Accept, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID";
/** Response headers a browser client must read (the session id above all). */
const EXPOSED_HEADERS = "Mcp-Session-Id, MCP-Protocol-Version, Authorization, Last-Event-ID, WWW-Authenticate, Retry-After";
const ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
/** How long a browser may reuse a preflight answer. */
const MAX_AGE_SECONDS = "86400";

/**
 * Adds the CORS headers for a request whose Origin already passed the Origin
 * check. Every answer varies by Origin, so caches never serve one origin's
 * answer to another.
 */
export function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("vary", "Origin");
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
}

/** Answers a preflight (OPTIONS) from an accepted origin: 204 with what may be sent. */
export function answerPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": ALLOWED_HEADERS,
    "access-control-max-age": MAX_AGE_SECONDS,
    allow: ALLOWED_METHODS,
  });
  res.end();
}
