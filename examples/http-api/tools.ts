// An HTTP API client: a small JSON API (API_BASE_URL) wrapped as tools. Every
// request has a timeout and follows the call's cancellation; failures come
// back as messages the model can act on (not found, rate limited, down).
import { ToolError, type Context } from "mcpc/runtime";

const BASE = process.env.API_BASE_URL ?? "https://jsonplaceholder.typicode.com";
const TIMEOUT_MS = Number(process.env.API_TIMEOUT_MS ?? 10_000);

/** GETs JSON; aborts on the tool's cancellation or after the timeout, whichever comes first. */
async function getJson(path: string, ctx: Context): Promise<unknown> {
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]);
  let response: Response;
  try {
    response = await fetch(new URL(path, BASE), { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (ctx.signal.aborted) throw new ToolError("The request was cancelled.");
    if ((error as Error).name === "TimeoutError") throw new ToolError(`The API did not answer within ${TIMEOUT_MS} ms; try again later.`);
    throw new ToolError(`Cannot reach the API at ${BASE}: ${(error as Error).message}.`);
  }
  if (response.status === 404) throw new ToolError(`Not found: ${path}. Check the id; list_posts shows the ones that exist.`);
  if (response.status === 429) throw new ToolError(`The API is rate limiting requests${response.headers.get("retry-after") ? `; retry after ${response.headers.get("retry-after")} s` : ""}.`);
  if (!response.ok) throw new ToolError(`The API answered ${response.status} ${response.statusText} for ${path}.`);
  try {
    return await response.json();
  } catch {
    throw new ToolError(`The API's answer for ${path} is not JSON.`);
  }
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
  return (await getJson(`/posts/${id}`, ctx)) as Post;
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
  const posts = (await getJson(userId === undefined ? "/posts" : `/posts?userId=${userId}`, ctx)) as Post[];
  return { posts: posts.slice(0, limit).map((p) => ({ id: p.id, title: p.title })) };
}
