// Property-based protocol fuzzing of a running emitted server over raw stdio.
// Each case writes a random mix of garbage, odd-but-valid requests, mutated
// requests, notifications, deep and oversized messages, cut at random byte
// boundaries, then a sentinel ping. Invariants: the process never exits, every
// request with a valid id gets exactly one response with that id, nothing else
// is answered with an id, garbage gets at most one id:null error per line, and
// the sentinel sent after the garbage is answered.
//
// Fixed seed in `npm test`; `npm run fuzz` picks a random seed (printed) and
// runs far more cases. Replay a failure with MCPC_FUZZ_SEED=<seed>.
import fc from "fast-check";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSample, sampleDir } from "../helpers/samples.js";
import { OUT } from "../helpers/paths.js";
import { exactIdText, idShape as idShapeOf, requestBody as requestBodyOf } from "../helpers/fuzz-arbitraries.js";
import { RawServer, type Message } from "../helpers/raw-stdio.js";

const LONG = process.env.MCPC_FUZZ_LONG === "1";
const SEED = process.env.MCPC_FUZZ_SEED !== undefined ? Number(process.env.MCPC_FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 20261122;
const RUNS = Number(process.env.MCPC_FUZZ_RUNS ?? (LONG ? 50_000 : 3000));
/** Small enough that oversized messages are cheap to make, large enough for 100k-deep arrays. */
const MAX_MESSAGE_BYTES = 256 * 1024;
/** Below the deepest arrays drawn, so some deep messages are refused for their values. */
const MAX_MESSAGE_VALUES = 60_000;

if (LONG || process.env.MCPC_FUZZ_SEED !== undefined) {
  process.stderr.write(`fuzz-stdio: seed ${SEED}, ${RUNS} runs per property (replay with MCPC_FUZZ_SEED=${SEED})\n`);
}

let server: RawServer;
let serverPath: string;

beforeAll(async () => {
  serverPath = (await buildSample(sampleDir("servers", "faults"), join(OUT, "fuzz-stdio"))).serverPath;
  server = RawServer.start(serverPath, { MCPC_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), MCPC_MAX_MESSAGE_VALUES: String(MAX_MESSAGE_VALUES) });
  await server.initialize();
});

afterAll(async () => {
  await server?.close();
});

// --- what the server owes each line, straight from JSON-RPC 2.0 -------------

type Owed =
  | { kind: "answer"; id: string | number } // exactly one response with this id
  | { kind: "silent" } // a notification, or a response to nobody: nothing at all
  | { kind: "garbage" } // at most one error, with id null
  | { kind: "never"; id: number } // an oversized request: refused as garbage, its id never answered
  | { kind: "exact"; id: number; text: string }; // one response whose id is exactly this text (JSON.parse rounds it)

function isRequestId(value: unknown): value is string | number {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

function owedFor(value: unknown): Owed {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { kind: "garbage" };
  const m = value as Record<string, unknown>;
  const validId = isRequestId(m.id);
  if (m.jsonrpc !== "2.0") return validId ? { kind: "answer", id: m.id as string | number } : { kind: "garbage" };
  if (typeof m.method === "string") {
    if (!("id" in m) || m.id === undefined) return { kind: "silent" };
    return validId ? { kind: "answer", id: m.id as string | number } : { kind: "garbage" };
  }
  if (m.method === undefined && "id" in m && m.id !== undefined && ("result" in m || "error" in m)) return { kind: "silent" };
  return validId ? { kind: "answer", id: m.id as string | number } : { kind: "garbage" };
}

const keyOf = (id: unknown): string => `${typeof id}:${String(id)}`;

// --- frames ------------------------------------------------------------------

interface Frame {
  bytes: Buffer;
  owed: Owed[];
}

const encoder = (text: string): Buffer => Buffer.from(text, "utf8");

function line(message: unknown): Frame {
  return { bytes: encoder(`${JSON.stringify(message)}\n`), owed: [owedFor(message)] };
}

const idShape = idShapeOf(0.25, 12);

/** Requests that are well formed as JSON-RPC, with params of any shape. */
const requestBody = requestBodyOf({ setLevel: true });

type FrameMaker = (nextId: () => number, lastId: () => string | number | undefined) => Frame;

const validRequest: fc.Arbitrary<FrameMaker> = fc
  .tuple(idShape, requestBody, fc.boolean(), fc.nat(9))
  .map(([shape, body, reuseChance, dice]) => (nextId, lastId) => {
    // Now and then a duplicate of the previous id: both must be answered.
    const id = reuseChance && dice === 0 && lastId() !== undefined ? lastId()! : shape(nextId());
    return line({ jsonrpc: "2.0", id, ...body });
  });

const notification: fc.Arbitrary<FrameMaker> = fc
  .record({
    method: fc.oneof(fc.constantFrom("notifications/initialized", "notifications/cancelled", "notifications/progress"), fc.string({ maxLength: 20 })),
    params: fc.jsonValue({ maxDepth: 2 }),
  }, { requiredKeys: ["method"] })
  .map((body) => () => line({ jsonrpc: "2.0", ...body }));

/** A valid request with one field replaced by a value of the wrong type. */
const mutatedRequest: fc.Arbitrary<FrameMaker> = fc
  .tuple(requestBody, fc.constantFrom("jsonrpc", "method", "params", "id"), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, true, {}, [], "drop"))
  .map(([body, field, value, badId]) => (nextId) => {
    const message: Record<string, unknown> = { jsonrpc: "2.0", id: nextId(), ...body };
    if (field === "id") {
      if (badId === "drop") delete message.id;
      else message.id = badId;
    } else message[field] = value;
    // Keep ids unique: a replaced value never reuses another line's id.
    if (field !== "id" && !isRequestId(message.id)) message.id = nextId();
    return line(message);
  });

/** A line that is not JSON-RPC at all: text, binary, JSON of any shape, or an id JSON can write but JS cannot hold. */
const garbage: fc.Arbitrary<FrameMaker> = fc.oneof<fc.Arbitrary<FrameMaker>[]>(
  fc.string({ unit: "grapheme", maxLength: 60 }).map((text) => () => ({ bytes: encoder(`${text}\n`), owed: text.split("\n").map(() => ({ kind: "garbage" }) as Owed) })),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => (): Frame => {
    const clean = Buffer.from(bytes.filter((b) => b !== 0x0a));
    return { bytes: Buffer.concat([clean, Buffer.from("\n")]), owed: [{ kind: "garbage" }] };
  }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => (nextId) => {
    // A JSON value might be an object with a valid id: the classifier decides, but ids stay unique.
    if (value !== null && typeof value === "object" && !Array.isArray(value) && isRequestId((value as Message).id)) (value as Message).id = `g${nextId()}`;
    return line(value);
  }),
  fc.constantFrom('{"jsonrpc":"2.0","id":1e400,"method":"ping"}', '{"jsonrpc":"2.0","id":-1e999,"method":"ping"}', "[]", "[{}]", "{", "}", '"', "null").map(
    (text) => (): Frame => ({ bytes: encoder(`${text}\n`), owed: [{ kind: "garbage" }] }),
  ),
);

/** A request whose method string carries invalid UTF-8: decoded with U+FFFD, still answered. */
const invalidUtf8: fc.Arbitrary<FrameMaker> = fc
  .uint8Array({ minLength: 1, maxLength: 20 })
  .map((bytes) => (nextId: () => number): Frame => {
    const id = nextId();
    const junk = Buffer.from([0xff, 0xc3, 0x28, ...bytes.filter((b) => b >= 0x20 && b !== 0x22 && b !== 0x5c)]);
    const bytesOut = Buffer.concat([encoder(`{"jsonrpc":"2.0","id":${id},"method":"`), junk, encoder('"}\n')]);
    return { bytes: bytesOut, owed: [{ kind: "answer", id }] };
  });

/** Arguments nested up to 100,000 deep, where the schema expects a number or a tree. */
const deep: fc.Arbitrary<FrameMaker> = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom("echo-args", "meta", "unknown-method", "tree"))
  .map(([depth, where]) => (nextId: () => number): Frame => {
    const id = nextId();
    let body: string;
    if (where === "tree") {
      const d = Math.min(depth, 5_000);
      body = `"method":"tools/call","params":{"name":"count_nodes","arguments":{"tree":${'{"label":"n","children":['.repeat(d)}{"label":"leaf"}${"]}".repeat(d)}}}`;
    } else {
      const nested = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
      body =
        where === "echo-args"
          ? `"method":"tools/call","params":{"name":"echo","arguments":{"value":${nested}}}`
          : where === "meta"
            ? `"method":"tools/call","params":{"name":"echo","arguments":{"value":1},"_meta":${nested}}`
            : `"method":"deep/${depth}","params":{"x":${nested}}`;
    }
    const line = `{"jsonrpc":"2.0","id":${id},${body}}`;
    // Over the value bound or not, one answer: refused before parsing, an error that still names the id.
    return { bytes: encoder(`${line}\n`), owed: [{ kind: "answer", id }] };
  });

/** A request whose id is an integer beyond 2^53 (anywhere among its members), or over the value bound. */
const exactOrTooMany: fc.Arbitrary<FrameMaker> = fc
  .tuple(exactIdText, fc.boolean(), fc.integer({ min: 1, max: 2000 }))
  .map(([idText, tooMany, extra]) => (nextId: () => number): Frame => {
    const n = nextId();
    if (tooMany) {
      const line = `{"jsonrpc":"2.0","id":${n},"method":"ping","params":{"x":[${"{},".repeat(MAX_MESSAGE_VALUES / 2 + extra)}0]}}`;
      return { bytes: encoder(`${line}\n`), owed: [{ kind: "answer", id: n }] };
    }
    const text = idText(n);
    const line = n % 2 === 0 ? `{"jsonrpc":"2.0","id":${text},"method":"ping"}` : `{"jsonrpc":"2.0","method":"ping","params":{"id":${n}},"id":${text}}`;
    return { bytes: encoder(`${line}\n`), owed: [{ kind: "exact", id: Number(text), text }] };
  });

/** A request over the size limit: refused with one id:null error, its id never answered. */
const oversized: fc.Arbitrary<FrameMaker> = fc.integer({ min: 1, max: 64 * 1024 }).map((extra) => (nextId: () => number): Frame => {
  const id = nextId();
  const pad = "p".repeat(MAX_MESSAGE_BYTES + extra);
  return {
    bytes: encoder(`{"jsonrpc":"2.0","id":${id},"method":"ping","params":{"pad":"${pad}"}}\n`),
    owed: [{ kind: "garbage" }, { kind: "never", id }],
  };
});

const frames = fc.array(
  fc.oneof(
    { arbitrary: validRequest, weight: 6 },
    { arbitrary: notification, weight: 2 },
    { arbitrary: mutatedRequest, weight: 4 },
    { arbitrary: garbage, weight: 4 },
    { arbitrary: invalidUtf8, weight: 1 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: exactOrTooMany, weight: 1 },
  ),
  { minLength: 1, maxLength: 8 },
);

/** Where the byte stream is cut into separate writes (fractions of its length). */
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 });

// --- running one case --------------------------------------------------------

let counter = 0;

async function runCase(makers: FrameMaker[], cutAt: number[], pauseBetweenWrites: boolean): Promise<void> {
  const first = server.messages.length;
  let last: string | number | undefined;
  const made = makers.map((make) =>
    make(
      () => ++counter,
      () => last,
    ),
  );
  const expected = new Map<string, number>();
  const never = new Set<string>();
  const exact: string[] = [];
  let garbageLines = 0;
  for (const frame of made) {
    for (const owed of frame.owed) {
      if (owed.kind === "exact") {
        expected.set(keyOf(owed.id), (expected.get(keyOf(owed.id)) ?? 0) + 1);
        exact.push(owed.text);
        last = owed.id;
      } else if (owed.kind === "answer") {
        expected.set(keyOf(owed.id), (expected.get(keyOf(owed.id)) ?? 0) + 1);
        last = owed.id;
      } else if (owed.kind === "garbage") garbageLines++;
      else if (owed.kind === "never") never.add(keyOf(owed.id));
    }
  }
  const stream = Buffer.concat(made.map((f) => f.bytes));
  const points = [...new Set(cutAt.map((c) => Math.floor(c * stream.length)))].sort((a, b) => a - b);
  let start = 0;
  for (const point of [...points, stream.length]) {
    if (point > start) server.write(stream.subarray(start, point));
    start = Math.max(start, point);
    if (pauseBetweenWrites) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const sentinel = `sentinel-${++counter}`;
  await server.request(sentinel, "ping", undefined, 10_000);

  const answered = server.messages.slice(first);
  for (const text of exact) expect(server.lines.some((line) => line.startsWith(`{"jsonrpc":"2.0","id":${text},`)), `the id ${text} echoed exactly`).toBe(true);
  const counts = new Map<string, number>();
  let nullIds = 0;
  for (const m of answered) {
    expect(m.jsonrpc).toBe("2.0");
    expect("id" in m, `the server sent something that is not a response: ${JSON.stringify(m).slice(0, 200)}`).toBe(true);
    if (m.id === null) {
      nullIds++;
      expect(m.error).toBeDefined();
      continue;
    }
    if (m.id === sentinel) continue;
    counts.set(keyOf(m.id), (counts.get(keyOf(m.id)) ?? 0) + 1);
  }
  for (const [key, n] of expected) expect(counts.get(key) ?? 0, `responses to id ${key}`).toBe(n);
  for (const key of counts.keys()) expect(expected.has(key), `a response to id ${key}, which was never a request`).toBe(true);
  for (const key of never) expect(counts.has(key), `a response to the oversized request ${key}`).toBe(false);
  expect(nullIds).toBeLessThanOrEqual(garbageLines);
  expect(server.unparsable).toEqual([]);
  expect(server.exit).toBeUndefined();
}

describe("protocol fuzzing over stdio", () => {
  it(`upholds the invariants on ${RUNS} random cases (seed ${SEED})`, { timeout: LONG ? 24 * 3600_000 : 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(frames, cuts, fc.boolean(), (makers, cutAt, pause) => runCase(makers, cutAt, pause)),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });

  it("answers no notification and every request when the stream holds no garbage", { timeout: LONG ? 24 * 3600_000 : 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(validRequest, notification), { minLength: 1, maxLength: 10 }), cuts, async (makers, cutAt) => {
        const first = server.messages.length;
        await runCase(makers, cutAt, false);
        expect(server.messages.slice(first).filter((m) => m.id === null)).toEqual([]);
      }),
      { seed: SEED + 1, numRuns: Math.ceil(RUNS / 3), endOnFailure: true },
    );
  });

  it("serves well-formed calls after all that, and is still the same process", async () => {
    const result = await server.request("after", "tools/call", { name: "echo", arguments: { value: 7 } });
    expect((result.result as { structuredContent: unknown }).structuredContent).toEqual({ result: 7 });
    expect(server.exit).toBeUndefined();
  });
});

describe("requests before initialize, on a fresh process", () => {
  it("answers each of them, and initialize afterwards still works", async () => {
    const fresh = RawServer.start(serverPath);
    try {
      const call = await fresh.request(1, "tools/call", { name: "echo", arguments: { value: 1 } });
      expect(call.result ?? call.error).toBeDefined();
      expect((await fresh.request(2, "tools/list")).result).toBeDefined();
      expect((await fresh.request(3, "ping")).result).toEqual({});
      const init = await fresh.request(4, "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "1" } });
      expect((init.result as { protocolVersion: string }).protocolVersion).toBe("2025-11-25");
    } finally {
      await fresh.close();
    }
  });
});
