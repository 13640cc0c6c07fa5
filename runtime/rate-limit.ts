// Rate limits as operators write them ("100/hour", "10/second"), kept per
// client and optionally per tool. Off unless configured. The HTTP transport
// answers a refusal with 429 + Retry-After; over stdio a tool call past its
// limit gets an isError result saying when to retry.

/** A limit of `count` per `periodMs`, refilled smoothly (token bucket). */
export interface RateSpec {
  count: number;
  periodMs: number;
  /** As the operator wrote it, for messages. */
  text: string;
}

const UNITS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
};

/** Parses "100/hour", "10/second", "5/min", "20/2s"; throws with a readable message otherwise. */
export function parseRate(text: string): RateSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d*)\s*([a-z]+?)s?\s*$/i.exec(text);
  const unit = match ? UNITS[match[3]!.toLowerCase()] : undefined;
  const count = match ? Number(match[1]) : NaN;
  const multiplier = match && match[2] !== "" ? Number(match[2]) : 1;
  if (!match || unit === undefined || !(count > 0) || !(multiplier > 0)) {
    throw new Error(`a rate limit is written like 100/hour or 10/second, got '${text}'`);
  }
  return { count, periodMs: unit * multiplier, text: text.trim() };
}

/** Parses "tool=10/minute,other=1/second" into per-tool limits. */
export function parseToolRates(text: string): Map<string, RateSpec> {
  const rates = new Map<string, RateSpec>();
  for (const part of text.split(",")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw new Error(`a tool rate limit is written like tool_name=10/minute, got '${part.trim()}'`);
    rates.set(part.slice(0, eq).trim(), parseRate(part.slice(eq + 1)));
  }
  return rates;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets for one limit, one per key; full buckets are forgotten. */
class Buckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(readonly spec: RateSpec) {
    this.perMs = spec.count / spec.periodMs;
  }

  /** Takes one token for `key`: 0 when allowed, otherwise milliseconds until one is available. */
  take(key: string, now: number): number {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: this.spec.count, updatedAt: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.spec.count, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
      bucket.updatedAt = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perMs);
  }

  /** Drops buckets that have refilled: they hold no information. */
  prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.spec.count) this.buckets.delete(key);
    }
  }
}

export interface RateLimitOptions {
  /** Every request of one client (HTTP) or every tool call (stdio). */
  perClient?: RateSpec;
  /** Calls of one tool by one client. */
  perTool?: Map<string, RateSpec>;
}

/** A refusal: how long to wait and a sentence for the client. */
export interface RateRefusal {
  retryAfterMs: number;
  message: string;
}

export class RateLimiter {
  private readonly client: Buckets | undefined;
  private readonly tools = new Map<string, Buckets>();
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(options: RateLimitOptions) {
    if (options.perClient) this.client = new Buckets(options.perClient);
    for (const [tool, spec] of options.perTool ?? []) this.tools.set(tool, new Buckets(spec));
    // Bound memory under many distinct clients: forget refilled buckets.
    this.pruneTimer = setInterval(() => this.prune(), 60_000);
    this.pruneTimer.unref();
  }

  static from(options: RateLimitOptions): RateLimiter | undefined {
    return options.perClient || (options.perTool && options.perTool.size > 0) ? new RateLimiter(options) : undefined;
  }

  get limitsClients(): boolean {
    return this.client !== undefined;
  }

  /** Counts one request of `clientKey` against the per-client limit. */
  admitClient(clientKey: string, now = Date.now()): RateRefusal | undefined {
    if (this.client === undefined) return undefined;
    const wait = this.client.take(clientKey, now);
    return wait === 0 ? undefined : refusal(wait, `Rate limit exceeded (${this.client.spec.text})`);
  }

  /** Counts one call of `tool` by `clientKey` against that tool's limit. */
  admitTool(tool: string, clientKey: string, now = Date.now()): RateRefusal | undefined {
    const buckets = this.tools.get(tool);
    if (buckets === undefined) return undefined;
    const wait = buckets.take(clientKey, now);
    return wait === 0 ? undefined : refusal(wait, `Rate limit exceeded for tool '${tool}' (${buckets.spec.text})`);
  }

  prune(now = Date.now()): void {
    this.client?.prune(now);
    for (const buckets of this.tools.values()) buckets.prune(now);
  }

  stop(): void {
    clearInterval(this.pruneTimer);
  }
}

function refusal(retryAfterMs: number, what: string): RateRefusal {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return { retryAfterMs, message: `${what}: retry in ${seconds} s.` };
}

/** Retry-After is whole seconds, at least 1. */
export function retryAfterSeconds(refusal: RateRefusal): number {
  return Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
}
