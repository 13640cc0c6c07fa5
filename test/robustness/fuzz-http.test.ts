// Property-based protocol fuzzing of a running emitted server over Streamable
// HTTP. Each case sends a few POSTs whose headers (Accept, Content-Type,
// Mcp-Session-Id, MCP-Protocol-Version) and bodies (broken JSON, JSON that is
// not JSON-RPC, wrong types, odd ids, unknown methods, batches, deep nesting,
// invalid UTF-8, bodies over the limit) are drawn at random. Invariants: the
// process never exits; every POST gets a well-formed answer in time (200 with
// exactly one response per request id it carried, 202 for notifications only,
// or a 4xx whose body is a JSON-RPC error; never a 500, never a hang); and a
// well-formed call after the garbage still works.
//
// Fixed seed in `npm test`; `npm run fuzz` picks a random seed (printed) and
// runs far more cases. Replay a failure with MCPC_FUZZ_SEED=<seed>.
import fc from "fast-check";
import { request as httpRequest, Agent } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSample, sampleDir } from "../helpers/samples.js";
import { exactIdText, idShape as idShapeOf, jsonValuesIn, requestBody as requestBodyOf } from "../helpers/fuzz-arbitraries.js";
import { startHttpServer, type RunningHttpServer } from "../helpers/http-server.js";
import { OUT } from "../helpers/paths.js";

const LONG = process.env.MCPC_FUZZ_LONG === "1";
const SEED = process.env.MCPC_FUZZ_SEED !== undefined ? Number(process.env.MCPC_FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 20261123;
const RUNS = Number(process.env.MCPC_FUZZ_RUNS ?? (LONG ? 50_000 : 2000));
/** Small enough that oversized bodies are cheap to make. */
const MAX_BODY_BYTES = 64 * 1024;
/** Below the deepest arrays drawn, so some deep bodies are refused for their values. */
const MAX_MESSAGE_VALUES = 20_000;
/** A POST not answered within this is a hang. */
const ANSWER_WITHIN_MS = 10_000;

if (LONG || process.env.MCPC_FUZZ_SEED !== undefined) {
  process.stderr.write(`fuzz-http: seed ${SEED}, ${RUNS} runs (replay with MCPC_FUZZ_SEED=${SEED})\n`);
}

let server: RunningHttpServer;
let sessionId: string;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A POST with byte-exact control of headers and body; rejects on a hang. */
function post(headers: Record<string, string>, body: Buffer, method = "POST"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.url, { method, headers: { ...headers, "content-length": String(body.length) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(ANSWER_WITHIN_MS, () => req.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

const GOOD_ACCEPT = "application/json, text/event-stream";
// 2025-03-26: the last version with JSON-RPC batches, so the fuzzer's batches reach the session (later
// versions refuse them outright, see http-versions.test.ts).
const FUZZ_VERSION = "2025-03-26";

const goodHeaders = (): Record<string, string> => ({
  "content-type": "application/json",
  accept: GOOD_ACCEPT,
  "mcp-session-id": sessionId,
  "mcp-protocol-version": FUZZ_VERSION,
});

beforeAll(async () => {
  const serverPath = (await buildSample(sampleDir("servers", "faults"), join(OUT, "fuzz-http"))).serverPath;
  server = await startHttpServer(serverPath, ["--max-body-bytes", String(MAX_BODY_BYTES)], { MCPC_MAX_MESSAGE_VALUES: String(MAX_MESSAGE_VALUES) });
  const init = await post(
    { "content-type": "application/json", accept: GOOD_ACCEPT },
    Buffer.from(JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: FUZZ_VERSION, capabilities: {}, clientInfo: { name: "fuzz", version: "1" } } })),
  );
  expect(init.status).toBe(200);
  sessionId = String(init.headers["mcp-session-id"]);
  const initialized = await post(goodHeaders(), Buffer.from(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })));
  expect(initialized.status).toBe(202);
});

afterAll(async () => {
  agent.destroy();
  await server?.stop();
});

// --- headers -----------------------------------------------------------------

type HeaderMaker = () => { headers: Record<string, string>; good: boolean };

const headerVariant: fc.Arbitrary<HeaderMaker> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<HeaderMaker>(() => ({ headers: goodHeaders(), good: true })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("accept", "content-type", "mcp-session-id", "mcp-protocol-version"),
        fc.oneof(fc.constant(undefined), fc.constantFrom("", "text/plain", "application/json", "text/event-stream", "*/*", "2099-01-01", "nope", "application/json; charset=latin1"), fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, ""))),
      )
      .map(([name, value]): HeaderMaker => () => {
        const headers = goodHeaders();
        if (value === undefined) delete headers[name];
        else headers[name] = value;
        // Some replacements are harmless (a charset parameter, the same value): the answer decides.
        return { headers, good: false };
      }),
  },
);

// --- bodies ------------------------------------------------------------------

interface Body {
  bytes: Buffer;
  /** Request ids a 200 must answer, once each. */
  ids: (string | number)[];
  /** True when the body is well-formed JSON-RPC that a server with good headers must accept. */
  wellFormed: boolean;
  /** Ids as sent, beyond 2^53: a 200 answer must carry them digit for digit. */
  exact?: string[];
}

type BodyMaker = (nextId: () => number) => Body;

function isRequestId(value: unknown): value is string | number {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/** The request ids a JSON value carries, as a server that accepts it must answer them. */
function requestIdsOf(value: unknown): (string | number)[] {
  const items = Array.isArray(value) ? value : [value];
  const ids: (string | number)[] = [];
  for (const item of items) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
    const m = item as Record<string, unknown>;
    if (typeof m.method === "string" && isRequestId(m.id)) ids.push(m.id);
  }
  return ids;
}

const json = (value: unknown, wellFormed: boolean): Body => ({ bytes: Buffer.from(JSON.stringify(value)), ids: requestIdsOf(value), wellFormed });

/** Gives every request id a random value carries a fresh one, so concurrent POSTs never conflict by chance. */
function freshIds(value: unknown, nextId: () => number): unknown {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item !== null && typeof item === "object" && !Array.isArray(item) && isRequestId((item as Record<string, unknown>).id)) (item as Record<string, unknown>).id = `u${nextId()}`;
  }
  return value;
}

const idShape = idShapeOf(0.5, 10);
const requestBody = requestBodyOf({ setLevel: false });

const oneRequest = fc.tuple(idShape, requestBody).map(([shape, body]) => (nextId: () => number) => ({ jsonrpc: "2.0", id: shape(nextId()), ...body }));
const oneNotification = fc.record({ method: fc.string({ maxLength: 20 }), params: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ["method"] }).map((body) => () => ({ jsonrpc: "2.0", ...body }));

const validSingle: fc.Arbitrary<BodyMaker> = oneRequest.map((make) => (nextId) => {
  const message = make(nextId);
  // initialize inside a session is refused (already initialized): not "well formed" for this oracle.
  return json(message, message.method !== "initialize");
});

const validBatch: fc.Arbitrary<BodyMaker> = fc.tuple(fc.array(fc.oneof(oneRequest, oneNotification), { minLength: 1, maxLength: 6 }), fc.nat(4)).map(([makers, dice]) => (nextId) => {
  const messages: Record<string, unknown>[] = makers.map((make) => make(nextId));
  // Now and then two requests share an id: each would be owed an answer in one response, so it must be refused.
  const requests = messages.filter((m) => "id" in m);
  const repeated = dice === 0 && requests.length >= 2;
  if (repeated) requests[1]!.id = requests[0]!.id;
  return json(messages, !repeated && !messages.some((m) => m.method === "initialize"));
});

const mutated: fc.Arbitrary<BodyMaker> = fc
  .tuple(requestBody, fc.constantFrom("jsonrpc", "method", "params", "id"), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
  .map(([body, field, value, asBatch]) => (nextId) => {
    const message: Record<string, unknown> = { jsonrpc: "2.0", id: nextId(), ...body };
    message[field] = value;
    freshIds(message, nextId);
    return json(asBatch ? [message] : message, false);
  });

const garbage: fc.Arbitrary<BodyMaker> = fc.oneof<fc.Arbitrary<BodyMaker>[]>(
  fc.string({ unit: "grapheme", maxLength: 60 }).map((text) => () => ({ bytes: Buffer.from(text), ids: [], wellFormed: false })),
  fc.uint8Array({ maxLength: 80 }).map((bytes) => () => ({ bytes: Buffer.from(bytes), ids: [], wellFormed: false })),
  fc.jsonValue({ maxDepth: 3 }).map((value) => (nextId) => json(freshIds(value, nextId), false)),
  fc.constantFrom('{"jsonrpc":"2.0","id":1e400,"method":"ping"}', '{"jsonrpc":"2.0","id":null,"method":"ping"}', "[]", "[[]]", "{", "", " ", "null", `[${"{},".repeat(150)}{}]`,
    // Issue 16: client answers with a malformed error.
    '{"jsonrpc":"2.0","id":"mcpc-0","error":null}', '{"jsonrpc":"2.0","id":"mcpc-1","error":"boom"}', '{"jsonrpc":"2.0","id":7,"error":{"code":"x"}}').map(
    (text) => () => ({ bytes: Buffer.from(text), ids: [], wellFormed: false }),
  ),
);

/** A request whose method carries invalid UTF-8: decoded with U+FFFD, answered (method not found). */
const invalidUtf8: fc.Arbitrary<BodyMaker> = fc.uint8Array({ minLength: 1, maxLength: 20 }).map((bytes) => (nextId) => {
  const id = nextId();
  const junk = Buffer.from([0xff, 0xc3, 0x28, ...bytes.filter((b) => b >= 0x20 && b !== 0x22 && b !== 0x5c)]);
  return { bytes: Buffer.concat([Buffer.from(`{"jsonrpc":"2.0","id":${id},"method":"`), junk, Buffer.from('"}')]), ids: [id], wellFormed: true };
});

/** Arguments nested deep, within the body limit. */
const deep: fc.Arbitrary<BodyMaker> = fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom("echo-args", "meta", "unknown-method", "tree")).map(([depth, where]) => (nextId) => {
  const id = nextId();
  const nested = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
  const d = Math.min(depth, 2_000);
  const body =
    where === "tree"
      ? `"method":"tools/call","params":{"name":"count_nodes","arguments":{"tree":${'{"label":"n","children":['.repeat(d)}{"label":"leaf"}${"]}".repeat(d)}}}`
      : where === "echo-args"
        ? `"method":"tools/call","params":{"name":"echo","arguments":{"value":${nested}}}`
        : where === "meta"
          ? `"method":"tools/call","params":{"name":"echo","arguments":{"value":1},"_meta":${nested}}`
          : `"method":"deep/${depth}","params":{"x":${nested}}`;
  const text = `{"jsonrpc":"2.0","id":${id},${body}}`;
  // Over the value bound: 413 before parsing.
  if (jsonValuesIn(text) > MAX_MESSAGE_VALUES) return { bytes: Buffer.from(text), ids: [], wellFormed: false };
  return { bytes: Buffer.from(text), ids: [id], wellFormed: true };
});

/** Integer ids beyond 2^53, alone or in a batch (their answers must carry the same digits), or a body over the value bound. */
const exactOrTooMany: fc.Arbitrary<BodyMaker> = fc.tuple(exactIdText, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 2000 })).map(([idText, shape, extra]) => (nextId) => {
  const n = nextId();
  if (shape === 3) {
    return { bytes: Buffer.from(`{"jsonrpc":"2.0","id":${n},"method":"ping","params":{"x":[${"[],".repeat(MAX_MESSAGE_VALUES / 2 + extra)}0]}}`), ids: [], wellFormed: false };
  }
  const text = idText(n);
  const single = shape === 0 ? `{"jsonrpc":"2.0","id":${text},"method":"ping"}` : `{"jsonrpc":"2.0","method":"ping","params":{"id":${n}},"id":${text}}`;
  const other = nextId();
  const body = shape === 2 ? `[${single},{"jsonrpc":"2.0","id":${other},"method":"ping"}]` : single;
  return { bytes: Buffer.from(body), ids: shape === 2 ? [Number(text), other] : [Number(text)], wellFormed: true, exact: [text] };
});

/** Over the body limit: refused with 413, its id never answered. */
const oversized: fc.Arbitrary<BodyMaker> = fc.integer({ min: 1, max: 32 * 1024 }).map((extra) => (nextId) => {
  const id = nextId();
  const pad = "p".repeat(MAX_BODY_BYTES + extra);
  return { bytes: Buffer.from(`{"jsonrpc":"2.0","id":${id},"method":"ping","params":{"pad":"${pad}"}}`), ids: [], wellFormed: false };
});

const bodyVariant = fc.oneof(
  { weight: 5, arbitrary: validSingle },
  { weight: 2, arbitrary: validBatch },
  { weight: 3, arbitrary: mutated },
  { weight: 3, arbitrary: garbage },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: oversized },
  { weight: 1, arbitrary: exactOrTooMany },
);

// --- checking one answer -----------------------------------------------------

/** JSON-RPC messages of a 200 answer, whether sent as JSON or as an SSE stream. */
function messagesOf(answer: Answer): Record<string, unknown>[] {
  const type = String(answer.headers["content-type"] ?? "");
  if (type.startsWith("text/event-stream")) {
    const out: Record<string, unknown>[] = [];
    for (const event of answer.body.split(/\n\n/)) {
      const data = event
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).replace(/^ /, ""))
        .join("\n");
      if (data !== "") out.push(JSON.parse(data) as Record<string, unknown>);
    }
    return out;
  }
  expect(type).toMatch(/^application\/json/);
  const parsed = JSON.parse(answer.body) as unknown;
  return (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
}

const keyOf = (id: unknown): string => `${typeof id}:${String(id)}`;

/** How often each status came back: the fuzzer must reach dispatch, not only the header checks. */
const statuses = new Map<number, number>();

function check(answer: Answer, body: Body, goodHeaders: boolean): void {
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const where = `status ${answer.status}, body ${answer.body.slice(0, 200)}`;
  expect(answer.status, where).not.toBe(500);
  expect([200, 202, 400, 404, 406, 409, 413, 415].includes(answer.status), where).toBe(true);
  if (answer.status >= 400) {
    const error = JSON.parse(answer.body) as Record<string, unknown>;
    expect(error.jsonrpc, where).toBe("2.0");
    expect(typeof (error.error as { message?: unknown })?.message, where).toBe("string");
    expect(answer.body, where).not.toMatch(/\n\s+at /); // no stack trace
    if (goodHeaders) expect(body.wellFormed, `a well-formed request was refused: ${where}`).toBe(false);
    return;
  }
  if (answer.status === 202) {
    expect(body.ids, where).toEqual([]);
    return;
  }
  const counts = new Map<string, number>();
  for (const m of messagesOf(answer)) {
    expect(m.jsonrpc, where).toBe("2.0");
    if (!("id" in m)) continue; // notifications (log, progress) may ride on the stream
    expect(m.result !== undefined || m.error !== undefined, where).toBe(true);
    counts.set(keyOf(m.id), (counts.get(keyOf(m.id)) ?? 0) + 1);
  }
  const expected = new Map<string, number>();
  for (const id of body.ids) expected.set(keyOf(id), (expected.get(keyOf(id)) ?? 0) + 1);
  for (const [key, n] of expected) expect(counts.get(key) ?? 0, `responses to id ${key}: ${where}`).toBe(n);
  for (const text of body.exact ?? []) expect(answer.body, `the id ${text} echoed exactly: ${where}`).toContain(`"id":${text},`);
  for (const key of counts.keys()) expect(expected.has(key), `a response to id ${key}, never a request: ${where}`).toBe(true);
}

let counter = 0;

async function runCase(posts: [HeaderMaker, BodyMaker][], concurrent: boolean): Promise<void> {
  const made = posts.map(([h, b]) => ({ ...h(), body: b(() => ++counter) }));
  const send = async ({ headers, good, body }: (typeof made)[number]): Promise<void> => {
    let answer: Answer;
    try {
      answer = await post(headers, body.bytes);
    } catch (error) {
      // Over the limit the server answers 413 and closes: the client may see the reset while still writing.
      if (body.bytes.length > MAX_BODY_BYTES && /ECONNRESET|EPIPE/.test(String((error as NodeJS.ErrnoException).code))) return;
      throw error;
    }
    // An initialize sent without a session id opens a session: close it, which must work too.
    const opened = answer.headers["mcp-session-id"];
    if (typeof opened === "string" && opened !== sessionId) {
      const closed = await post({ "mcp-session-id": opened }, Buffer.alloc(0), "DELETE");
      expect(closed.status).toBe(200);
    }
    check(answer, body, good);
  };
  if (concurrent) await Promise.all(made.map(send));
  else for (const p of made) await send(p);
  expect(server.process.exitCode).toBeNull();
}

describe("protocol fuzzing over Streamable HTTP", () => {
  it(`answers every POST well on ${RUNS} random cases (seed ${SEED})`, { timeout: LONG ? 24 * 3600_000 : 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(headerVariant, bodyVariant), { minLength: 1, maxLength: 5 }), fc.boolean(), (posts, concurrent) => runCase(posts, concurrent)),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    if (LONG) process.stderr.write(`fuzz-http: statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    expect((statuses.get(200) ?? 0) / total).toBeGreaterThan(0.3);
    for (const status of [202, 400, 406, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status} never came back`).toBeGreaterThan(0);
  });

  it("answers two Mcp-Session-Id headers with 400, not a missing session", async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(server.url, { method: "POST", headers: { ...goodHeaders(), "mcp-session-id": [sessionId, sessionId] }, agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end(JSON.stringify({ jsonrpc: "2.0", id: "twice", method: "ping" }));
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("one Mcp-Session-Id header");
  });

  it("serves a well-formed call after all that, in the same process and session", async () => {
    const answer = await post(goodHeaders(), Buffer.from(JSON.stringify({ jsonrpc: "2.0", id: "after", method: "tools/call", params: { name: "echo", arguments: { value: 7 } } })));
    expect(answer.status).toBe(200);
    const [response] = messagesOf(answer);
    // 2025-03-26 has no structuredContent: the text block carries the (wrapped) value.
    expect(JSON.parse((response!.result as { content: { text: string }[] }).content[0]!.text)).toBe(7);
    expect(response!.result).not.toHaveProperty("structuredContent");
    expect(server.process.exitCode).toBeNull();
    expect(server.stderr()).not.toMatch(/HTTP request failed/);
    const health = await server.health();
    expect(health.sessions).toBe(1);
  });
});
