// Fetches a JSON document from the issuer's side (metadata, keys,
// introspection) with a bound on time and size: a slow or oversized answer
// from a misconfigured or compromised endpoint must not hold requests or
// memory hostage.

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 5_000, maxBytes: 512 * 1024 };

export class FetchFailed extends Error {
  constructor(
    message: string,
    /** The HTTP status, when a response arrived. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The response body, read up to `maxBytes`; redirects are not followed (the URLs are configured, not discovered). */
export async function fetchBounded(url: string | URL, init: RequestInit, limits: FetchLimits): Promise<{ status: number; headers: Headers; text: string }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(limits.timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    throw new FetchFailed(name === "TimeoutError" ? `${String(url)} did not answer within ${limits.timeoutMs} ms` : `${String(url)} could not be reached: ${(error as Error).message}`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new FetchFailed(`${String(url)} answered with ${declared} bytes (the limit is ${limits.maxBytes})`, response.status);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limits.maxBytes) {
          await reader.cancel();
          throw new FetchFailed(`${String(url)} answered with more than ${limits.maxBytes} bytes`, response.status);
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof FetchFailed) throw error;
      throw new FetchFailed(`${String(url)} failed mid-answer: ${(error as Error).message}`, response.status);
    }
  }
  return { status: response.status, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") };
}

/** A JSON object from a 200 answer, or FetchFailed. */
export async function fetchJsonObject(url: string | URL, init: RequestInit, limits: FetchLimits): Promise<Record<string, unknown>> {
  const { status, text } = await fetchBounded(url, init, limits);
  if (status !== 200) throw new FetchFailed(`${String(url)} answered HTTP ${status}`, status);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FetchFailed(`${String(url)} did not answer with JSON`, status);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new FetchFailed(`${String(url)} did not answer with a JSON object`, status);
  return value as Record<string, unknown>;
}
