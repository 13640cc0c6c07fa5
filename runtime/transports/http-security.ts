// The checks every HTTP request passes before it reaches a session:
// DNS-rebinding protection (Host and Origin allow-lists) and a bounded body
// read. Bearer tokens are runtime/auth's job.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** Hosts a wildcard bind listens on: the Host header cannot be predicted from them. */
export function isWildcardHost(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || host.startsWith("127.");
}

/** The host as it appears in a Host header or URL (IPv6 in brackets). */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * The host names a request may address. A server bound to loopback accepts
 * only loopback names, which is what stops a DNS-rebinding page (whose Host is
 * the attacker's name) from reaching it. `undefined` means no check: a
 * wildcard bind without an explicit list.
 */
export function defaultAllowedHosts(bindHost: string): string[] | undefined {
  if (isWildcardHost(bindHost)) return undefined;
  const names = new Set(LOOPBACK_NAMES);
  // The bound address itself, loopback or not (127.0.0.2 is loopback yet not
  // among the usual names): a client that dials it sends it as Host.
  names.add(urlHost(bindHost).toLowerCase());
  return [...names];
}

/** The host name of a Host header value, without the port, lower-cased. */
export function hostnameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    return end < 0 ? value : value.slice(0, end + 1);
  }
  const colon = value.indexOf(":");
  return colon < 0 ? value : value.slice(0, colon);
}

export interface OriginPolicy {
  /** Host names allowed in Host; undefined: any. */
  allowedHosts: string[] | undefined;
  /** Origins allowed ("http://example.com" or "*"); when empty, an origin must name an allowed host. */
  allowedOrigins: string[];
}

/** Why a request is refused (403), or undefined when its Host and Origin are acceptable. */
export function checkHostAndOrigin(req: IncomingMessage, policy: OriginPolicy): string | undefined {
  const host = req.headers.host;
  if (policy.allowedHosts !== undefined) {
    if (host === undefined || !policy.allowedHosts.includes(hostnameOf(host))) return "Forbidden: Host not allowed";
  }
  const origin = req.headers.origin;
  // Clients that are not browsers send no Origin; browsers always do.
  if (origin === undefined) return undefined;
  if (policy.allowedOrigins.includes("*") || policy.allowedOrigins.includes(origin)) return undefined;
  if (policy.allowedOrigins.length > 0) return "Forbidden: Origin not allowed";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "Forbidden: Origin not allowed";
  }
  const allowed = policy.allowedHosts ?? (host === undefined ? [] : [hostnameOf(host)]);
  return allowed.includes(hostnameOf(originHost)) ? undefined : "Forbidden: Origin not allowed";
}

export class BodyTooLarge extends Error {}

/**
 * Reads the whole body, refusing more than `limit` bytes as soon as it is
 * known (Content-Length up front, otherwise while streaming). The server's
 * requestTimeout bounds how long a slow client can take.
 */
export function readBody(req: IncomingMessage, limit: number, done: (error: Error | undefined, body?: string) => void): void {
  // A callback, not a promise: this is on every POST's path, and the
  // promise's reactions cost as much as the rest of reading a small body.
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    done(new BodyTooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > limit) {
      settled = true;
      chunks.length = 0;
      done(new BodyTooLarge());
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (settled) return;
    settled = true;
    done(undefined, chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
  });
  req.on("error", (error) => {
    if (settled) return;
    settled = true;
    done(error);
  });
}
