// An HTTP API client: a small JSON API (API_BASE_URL) wrapped as tools. Every
// request has a timeout and follows the call's cancellation; failures come
// back as messages the model can act on (not found, rate limited, down).
import { ToolError, type Context } from "mcpc/runtime";

const BASE = process.env.API_BASE_URL ?? "https://jsonplaceholder.typicode.com";
const TIMEOUT_MS = Number(process.env.API_TIMEOUT_MS ?? 10_000);
/** The largest answer read; a bigger one is refused rather than held in memory. */
const MAX_RESPONSE_BYTES = Number(process.env.API_MAX_RESPONSE_BYTES ?? 5_000_000);
const MAX_REDIRECTS = 5;

// Paths are resolved under the base URL's path: with a trailing slash on the
// base and none on the path, 'https://host/api/v1' + 'posts/1' is
// https://host/api/v1/posts/1 (a leading slash would replace /api/v1).
const BASE_URL = new URL(BASE.endsWith("/") ? BASE : `${BASE}/`);

/**
 * GETs JSON; aborts on the tool's cancellation or after the timeout, whichever
 * comes first. Redirects are followed by hand, only within the API's own
 * origin and at most MAX_REDIRECTS times: fetch would follow them anywhere,
 * so an API (or whoever controls one of its paths) could send the request,
 * and its headers, to another host.
 */
async function getJson(path: string, ctx: Context): Promise<unknown> {
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]);
  let url = new URL(path, BASE_URL);
  let response: Response;
  for (let redirects = 0; ; redirects++) {
    try {
      response = await fetch(url, { signal, redirect: "manual", headers: { accept: "application/json" } });
    } catch (error) {
      throw failureOf(error, ctx);
    }
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) break;
    await response.body?.cancel();
    const next = new URL(location, url);
    if (next.origin !== BASE_URL.origin) throw new ToolError(`The API redirected ${path} to another host (${next.origin}); that redirect is not followed.`);
    if (redirects === MAX_REDIRECTS) throw new ToolError(`The API redirected ${path} more than ${MAX_REDIRECTS} times; giving up.`);
    url = next;
  }
  if (response.status === 404) throw new ToolError(`Not found: ${path}. Check the id; list_posts shows the ones that exist.`);
  if (response.status === 429) throw new ToolError(`The API is rate limiting requests${response.headers.get("retry-after") ? `; retry after ${response.headers.get("retry-after")} s` : ""}.`);
  if (!response.ok) throw new ToolError(`The API answered ${response.status} ${response.statusText} for ${path}.`);
  let body: string;
  try {
    body = await readBounded(response, path);
  } catch (error) {
    if (error instanceof ToolError) throw error;
    throw failureOf(error, ctx);
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new ToolError(`The API's answer for ${path} is not JSON.`);
  }
}

/** The body as text, refusing it once it passes MAX_RESPONSE_BYTES. */
async function readBounded(response: Response, path: string): Promise<string> {
  const tooLarge = () => new ToolError(`The API's answer for ${path} is over ${MAX_RESPONSE_BYTES} bytes; not read.`);
  if (Number(response.headers.get("content-length") ?? 0) > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  while (reader !== undefined) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function failureOf(error: unknown, ctx: Context): ToolError {
  if (ctx.signal.aborted) return new ToolError("The request was cancelled.");
  if ((error as Error).name === "TimeoutError") return new ToolError(`The API did not answer within ${TIMEOUT_MS} ms; try again later.`);
  return new ToolError(`Cannot reach the API at ${BASE}: ${(error as Error).message}.`);
}

export interface Post {
  id: number;
  userId: number;
  title: string;
  body: string;
}

/**
 * Fetch one post by id.
 * @param id The post's id.
 */
export async function get_post(/** @integer @minimum 1 */ id: number, ctx: Context): Promise<Post> {
  return (await getJson(`posts/${id}`, ctx)) as Post;
}

/**
 * List posts, optionally only those of one user.
 * @param userId Only this user's posts.
 * @param limit At most this many.
 */
export async function list_posts(
  /** @integer @minimum 1 */ userId: number | undefined,
  /** @integer @minimum 1 @maximum 100 */ limit: number = 10,
  ctx: Context,
): Promise<{ posts: Array<{ id: number; title: string }> }> {
  const posts = (await getJson(userId === undefined ? "posts" : `posts?userId=${userId}`, ctx)) as Post[];
  return { posts: posts.slice(0, limit).map((p) => ({ id: p.id, title: p.title })) };
}
