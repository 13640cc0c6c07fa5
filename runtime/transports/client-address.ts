// Which client a request comes from, for the rate limit. Behind a load
// balancer every request arrives from the balancer's address; the client's
// own address is in X-Forwarded-For, which anyone can also write. Only the
// entries added by proxies the operator trusts (--trust-proxy: a hop count,
// or the proxies' addresses and networks) are believed.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/** How far X-Forwarded-For is believed. */
export type TrustProxy = { kind: "hops"; hops: number; text: string } | { kind: "networks"; networks: BlockList; text: string };

/** Parses `--trust-proxy`: a hop count (`1`) or addresses and CIDR networks (`10.0.0.0/8,::1`). */
export function parseTrustProxy(text: string): TrustProxy {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { kind: "hops", hops: Number(trimmed), text: trimmed };
  const networks = new BlockList();
  const parts = trimmed.split(",").map((p) => p.trim()).filter((p) => p !== "");
  if (parts.length === 0) throw new Error(`expected a hop count or a list of addresses and networks (10.0.0.0/8,::1), got '${text}'`);
  for (const part of parts) {
    const slash = part.indexOf("/");
    const address = slash < 0 ? part : part.slice(0, slash);
    const family = isIP(address);
    if (family === 0) throw new Error(`'${part}' is not an IP address or CIDR network`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (slash < 0) {
      networks.addAddress(address, type);
      continue;
    }
    const prefix = Number(part.slice(slash + 1));
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32) || part.slice(slash + 1) === "") {
      throw new Error(`'${part}' has an invalid prefix length`);
    }
    networks.addSubnet(address, prefix, type);
  }
  return { kind: "networks", networks, text: trimmed };
}

/** An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d. */
function normalise(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith("::ffff:") && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

function isTrusted(address: string, networks: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && networks.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address: the socket's peer, or with a trusted proxy the entry it forwarded. */
export function clientAddress(req: IncomingMessage, trust: TrustProxy | undefined): string {
  const peer = normalise(req.socket.remoteAddress ?? "?");
  if (trust === undefined) return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : header ?? "")
    .split(",")
    .map(normalise)
    .filter((entry) => entry !== "");
  // Nearest hop last: each proxy appends the address it received from.
  const chain = [...forwarded, peer];
  if (trust.kind === "hops") return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  let index = chain.length - 1;
  while (index > 0 && isTrusted(chain[index]!, trust.networks)) index--;
  return chain[index]!;
}
