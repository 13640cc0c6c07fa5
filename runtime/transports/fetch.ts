// A Web-standard entry: `fetch(request) => Response`, so the same build runs
// where servers speak Request/Response (Bun, Deno, Cloudflare Workers, Vercel
// functions) instead of node:http. Stateless: every POST is served on its own,
// as with --stateless (no GET stream, no sessions, no sampling/elicitation).
// Uses only Web APIs (Request, Response, ReadableStream, TextEncoder).
import type { ServerDefinition } from "../definition.js";
import { errorStack } from "../error-stack.js";
import type { ServerCore } from "../protocol/core.js";
import { createServerCore } from "../protocol/handlers.js";
import { isRequestId, type RequestId } from "../protocol/jsonrpc.js";
import { parseMessageText } from "../protocol/json-text.js";
import { Session } from "../protocol/session.js";
import { DEFAULT_SESSION_OPTIONS, type SessionOptions } from "../protocol/session-options.js";
import { featuresOf } from "../protocol/version-shaping.js";
import { SUPPORTED_PROTOCOL_VERSIONS } from "../protocol/versions.js";

export interface FetchHandlerOptions extends Partial<SessionOptions> {
  /** Browser origins accepted (and given CORS headers); requests with another Origin get 403. Default: none. */
  allowedOrigins?: string[];
  /** Require `Authorization: Bearer <token>`. */
  authToken?: string;
  /** Largest request body (default 4 MiB). */
  maxBodyBytes?: number;
}

const ALLOWED_HEADERS = "Content-Type, Accept, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID";
const EXPOSED_HEADERS = "Mcp-Session-Id, MCP-Protocol-Version, Authorization, Last-Event-ID, WWW-Authenticate";

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = -32000,
  ) {
    super(message);
  }
}

/** Builds the handler once (the method table, serialised lists); each call serves one request. */
export function createFetchHandler(definition: ServerDefinition, options: FetchHandlerOptions = {}): (request: Request) => Promise<Response> {
  const { allowedOrigins = [], authToken, maxBodyBytes = 4 * 1024 * 1024, ...sessionOverrides } = options;
  const sessionOptions: SessionOptions = {
    ...DEFAULT_SESSION_OPTIONS,
    logError: (message) => console.error(message),
    ...(Object.fromEntries(Object.entries(sessionOverrides).filter(([, v]) => v !== undefined)) as Partial<SessionOptions>),
  };
  let core: ServerCore | undefined;

  return async (request) => {
    const origin = request.headers.get("origin");
    const cors: Record<string, string> = { vary: "Origin" };
    try {
      if (origin !== null) {
        if (!allowedOrigins.includes("*") && !allowedOrigins.includes(origin)) throw new Refusal(403, "Forbidden: Origin not allowed");
        cors["access-control-allow-origin"] = origin;
        cors["access-control-expose-headers"] = EXPOSED_HEADERS;
      }
      if (request.method === "OPTIONS") {
        return new Response(null, {
          status: 204,
          headers: { ...cors, "access-control-allow-methods": "POST, OPTIONS", "access-control-allow-headers": ALLOWED_HEADERS, "access-control-max-age": "86400" },
        });
      }
      if (authToken !== undefined && request.headers.get("authorization") !== `Bearer ${authToken}`) throw new Refusal(401, "Unauthorized: a valid bearer token is required");
      if (request.method !== "POST") throw new Refusal(405, "Method not allowed: this endpoint is stateless (POST only)");
      const accept = request.headers.get("accept") ?? "";
      if (!accept.includes("application/json") || !accept.includes("text/event-stream")) {
        throw new Refusal(406, "Not Acceptable: the client must accept both application/json and text/event-stream");
      }
      if ((request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase() !== "application/json") {
        throw new Refusal(415, "Unsupported Media Type: Content-Type must be application/json");
      }
      const version = request.headers.get("mcp-protocol-version");
      if (version !== null && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) throw new Refusal(400, `Bad Request: unsupported protocol version ${version}`);
      const body = await readBounded(request, maxBodyBytes);
      core ??= createServerCore(definition, sessionOptions);
      return await serve(core, body, version ?? undefined, cors);
    } catch (error) {
      if (!(error instanceof Refusal)) {
        sessionOptions.logError(`mcpc: request failed: ${errorStack(error)}`);
        error = new Refusal(500, "Internal server error", -32603);
      }
      const refusal = error as Refusal;
      return Response.json({ jsonrpc: "2.0", error: { code: refusal.code, message: refusal.message }, id: null }, { status: refusal.status, headers: cors });
    }
  };
}

async function readBounded(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new Refusal(413, `Request body too large: the limit is ${limit} bytes`);
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Refusal(413, `Request body too large: the limit is ${limit} bytes`);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Serves one POST: JSON when only answers come back, SSE once a call sends a notification first. */
function serve(core: ServerCore, body: string, headerVersion: string | undefined, cors: Record<string, string>): Promise<Response> {
  const parsed = parseMessageText(body, core.options.maxMessageValues);
  if (parsed.refused === "too-many-values") {
    throw new Refusal(413, `Request body too large: it holds more than ${core.options.maxMessageValues} JSON values (MCPC_MAX_MESSAGE_VALUES)`);
  }
  if (parsed.refused === "not-json") throw new Refusal(400, "Parse error: the body is not valid JSON", -32700);
  const raw = parsed.value;
  const batch = Array.isArray(raw);
  const messages = (batch ? raw : [raw]) as Record<string, unknown>[];
  if (messages.length === 0 || messages.length > 100) throw new Refusal(400, "Invalid Request: a batch holds 1 to 100 messages", -32600);
  const initialize = messages.some((m) => m?.method === "initialize");
  // As over node:http: a request without the version header is taken for 2025-03-26.
  const version = initialize ? undefined : (headerVersion ?? "2025-03-26");
  if (batch && version !== undefined && !featuresOf(version).batches) {
    throw new Refusal(400, `Invalid Request: protocol version ${version} has no JSON-RPC batches; send one message per POST`, -32600);
  }
  const pending = new Set<RequestId>(messages.filter((m) => m !== null && typeof m === "object" && typeof m.method === "string" && isRequestId(m.id)).map((m) => m.id as RequestId));

  return new Promise<Response>((resolve) => {
    const answers: string[] = [];
    let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
    const encoder = new TextEncoder();
    const event = (line: string): Uint8Array => encoder.encode(`event: message\ndata: ${line.endsWith("\n") ? line.slice(0, -1) : line}\n\n`);
    const finish = (): void => {
      session.close();
      if (stream !== undefined) {
        stream.close();
        return;
      }
      if (answers.length === 0) {
        resolve(new Response(null, { status: 202, headers: cors }));
        return;
      }
      const text = batch ? `[${answers.map(trim).join(",")}]` : trim(answers[0]!);
      resolve(new Response(text, { status: 200, headers: { ...cors, "content-type": "application/json" } }));
    };
    const send = (line: string): void => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const isAnswer = parsed.method === undefined;
      if (stream === undefined && !isAnswer) {
        // A notification before the answers: switch to SSE.
        resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                stream = controller;
                for (const earlier of answers) controller.enqueue(event(earlier));
                answers.length = 0;
              },
            }),
            { status: 200, headers: { ...cors, "content-type": "text/event-stream", "cache-control": "no-cache" } },
          ),
        );
      }
      if (stream !== undefined) stream.enqueue(event(line));
      else answers.push(line);
      if (isAnswer && isRequestId(parsed.id) && pending.delete(parsed.id) && pending.size === 0) finish();
    };
    const session = new Session(core, send, undefined, send);
    session.clientCanAnswer = false;
    if (version !== undefined) session.protocolVersion = version;
    for (const message of messages) session.handleMessage(message);
    if (pending.size === 0) finish();
  });
}

function trim(line: string): string {
  return line.endsWith("\n") ? line.slice(0, -1) : line;
}
