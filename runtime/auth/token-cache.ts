// A bounded memory of answers already worked out for tokens, so a client that
// sends the same token on every request costs one map lookup, not one
// signature check or one introspection round trip. It is only a cache: an
// instance that has never seen a token verifies it afresh, which is what lets
// several instances (or --stateless) serve the same clients.
import { createHash } from "node:crypto";

interface Entry<T> {
  value: T;
  /** Milliseconds since the epoch after which the entry is stale. */
  until: number;
}

export class TokenCache<T> {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): T | undefined {
    const key = cacheKey(token);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` until `until` (ms since the epoch); evicts the least recently used entry when full. */
  set(token: string, value: T, until: number): void {
    if (this.maxEntries <= 0 || until <= this.now()) return;
    const key = cacheKey(token);
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Entries are keyed by a digest of the token, so a key costs 43 characters whatever the token's length. */
function cacheKey(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}
