// Session in-process, over a fake transport that records every line: the
// routing, the envelope checks, calls, cancellation, time bounds and the
// notifications a call sends, without a process or a socket (the end-to-end
// suites cover the same paths through the SDK's real Client).
import { describe, expect, it } from "vitest";
import type { Context } from "../../runtime/context.js";
import type { ServerDefinition, ToolDefinition, ValidateFunction } from "../../runtime/definition.js";
import { ClientRefusedError, ToolError } from "../../runtime/errors.js";
import { ServerCore } from "../../runtime/protocol/core.js";
import { createServerCore } from "../../runtime/protocol/handlers.js";
import type { RequestId } from "../../runtime/protocol/jsonrpc.js";
import { Session } from "../../runtime/protocol/session.js";
import { DEFAULT_SESSION_OPTIONS, type SessionOptions } from "../../runtime/protocol/session-options.js";

type Line = Record<string, any>;

/** A validator for `{ a: number, b: number }`, shaped as Ajv's standalone ones are. */
const validateAddArgs: ValidateFunction = Object.assign(
  (data: unknown): boolean => {
    const d = data as Record<string, unknown>;
    const ok = d !== null && typeof d === "object" && typeof d.a === "number" && typeof d.b === "number";
    validateAddArgs.errors = ok ? null : [{ instancePath: "/a", keyword: "type", message: "must be number", params: { type: "number" } }];
    return ok;
  },
  { errors: null },
);
const anyArgs: ValidateFunction = Object.assign(() => true, { errors: null });

function tool(name: string, invoke: (args: Record<string, unknown>, ctx: Context) => unknown, extra: Partial<ToolDefinition> = {}): ToolDefinition {
  return { tool: { name, inputSchema: { type: "object" } }, validateInput: anyArgs, invoke, result: "text", usesContext: true, ...extra };
}

/** Resolves once `signal` aborts, with its reason. */
const aborted = (signal: AbortSignal): Promise<unknown> => new Promise((resolve) => signal.addEventListener("abort", () => resolve(signal.reason), { once: true }));

/** An `@complete` function: names by prefix, and one answer that never comes. */
const completeWho = (value: string): unknown => (value === "stall" ? new Promise(() => {}) : ["Ada", "Alan", "Grace"].filter((n) => n.startsWith(value)));

/** Why each "wait" call's signal was aborted, in order. */
const abortReasons: unknown[] = [];

function definition(): ServerDefinition {
  return {
    name: "unit",
    version: "1.0.0",
    tools: [
      tool("add", (args) => (args.a as number) + (args.b as number), { validateInput: validateAddArgs, result: "wrapped" }),
      tool("boom", () => {
        throw new Error("secret detail");
      }),
      tool("refuse", () => {
        throw new ToolError("try a smaller number");
      }),
      tool("wait", (_args, ctx) =>
        aborted(ctx.signal).then((reason) => {
          abortReasons.push(reason);
          return new Promise(() => {});
        }),
      ),
      tool("slow", () => new Promise(() => {}), { timeoutMs: 30 }),
      tool("chatty", async (_args, ctx) => {
        ctx.log.info("starting");
        ctx.log.warning("careful", { n: 1 });
        await ctx.progress(1, 2, "half");
        return "done";
      }),
      tool("ask", (_args, ctx) => ctx.sample({ messages: [], maxTokens: 5 }).then((answer) => JSON.stringify(answer))),
      tool("ask_or_fallback", (_args, ctx) =>
        ctx.sample({ messages: [], maxTokens: 5 }).then(
          () => "sampled",
          (error: unknown) => (error instanceof ClientRefusedError ? `refused (${error.code}, ${error.method}): ${error.message}` : "other error"),
        ),
      ),
      tool("peek", (_args, ctx) => ctx.readResource("mem://note").then((r) => JSON.stringify(r))),
    ],
    resources: [
      {
        resource: { uri: "mem://note", name: "note" },
        contents: "text",
        read: (_args, ctx) => {
          ctx.log.info("read");
          return "hello";
        },
      },
      { resource: { uri: "mem://stuck", name: "stuck" }, contents: "text", read: (_args, ctx) => aborted(ctx.signal).then(() => "late") },
    ],
    prompts: [{ prompt: { name: "greet", arguments: [{ name: "who", required: true }] }, arguments: [{ name: "who", type: "string", complete: completeWho }], result: "text", get: (args) => `Hello ${args.who}` }],
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

/** A session on a fresh core whose lines are recorded, parsed, as the client would read them. */
function open(options: Partial<SessionOptions> = {}, core?: ServerCore) {
  const logged: string[] = [];
  const lines: Line[] = [];
  const relatedIds: (RequestId | undefined)[] = [];
  const serverCore = core ?? createServerCore(definition(), { ...DEFAULT_SESSION_OPTIONS, logError: (m) => logged.push(m), ...options });
  const session = new Session(serverCore, (line, relatedId) => {
    lines.push(JSON.parse(line));
    relatedIds.push(relatedId);
  });
  let nextId = 1;
  const request = (method: string, params?: unknown): number => {
    const id = nextId++;
    session.handleText(JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }));
    return id;
  };
  const answerOf = (id: RequestId): Line | undefined => lines.find((l) => l.id === id && l.method === undefined);
  return { session, lines, logged, relatedIds, request, answerOf };
}

describe("Session routing", () => {
  it("answers initialize with the negotiated version and what the registered handlers declared", () => {
    const { request, answerOf, session } = open();
    const id = request("initialize", { protocolVersion: "2025-06-18", capabilities: { sampling: {} }, clientInfo: { name: "t", version: "1" } });
    expect(answerOf(id)!.result).toEqual({
      protocolVersion: "2025-06-18",
      capabilities: { logging: {}, tools: { listChanged: false }, resources: { subscribe: true, listChanged: false }, prompts: { listChanged: false }, completions: {} },
      serverInfo: { name: "unit", version: "1.0.0" },
    });
    expect(session.protocolVersion).toBe("2025-06-18");
    expect(session.clientCapabilities).toEqual({ sampling: {} });
    expect(answerOf(request("initialize", { protocolVersion: "1999-01-01" }))!.result.protocolVersion).toBe("2025-11-25");
  });

  it("routes ping, tools/list and prompts/get through the core's method table", () => {
    const { request, answerOf } = open();
    expect(answerOf(request("ping"))!.result).toEqual({});
    expect(answerOf(request("tools/list"))!.result.tools.map((t: Line) => t.name)).toEqual(["add", "boom", "refuse", "wait", "slow", "chatty", "ask", "ask_or_fallback", "peek"]);
    expect(answerOf(request("prompts/get", { name: "greet", arguments: { who: "Ada" } }))!.result.messages).toEqual([{ role: "user", content: { type: "text", text: "Hello Ada" } }]);
  });

  it("routes only what was registered: a core without handlers knows no method, and one handler is enough", () => {
    const bare = new ServerCore(definition(), DEFAULT_SESSION_OPTIONS);
    bare.handle("echo/params", (params) => JSON.stringify(params));
    const { request, answerOf } = open({}, bare);
    expect(answerOf(request("ping"))!.error).toEqual({ code: -32601, message: "Method not found: ping" });
    expect(answerOf(request("echo/params", { x: 1 }))!.result).toEqual({ x: 1 });
    expect(() => bare.handle("echo/params", () => "{}")).toThrow("echo/params is registered twice");
  });

  it("answers an unknown method, an unknown tool and a bad log level with the spec's errors", () => {
    const { request, answerOf } = open();
    expect(answerOf(request("tools/frobnicate"))!.error).toEqual({ code: -32601, message: "Method not found: tools/frobnicate" });
    expect(answerOf(request("tools/call", { name: "nope" }))!.error).toEqual({ code: -32602, message: "Unknown tool: nope" });
    expect(answerOf(request("tools/call", { name: 7 }))!.error.message).toBe("Invalid params: name must be a string");
    expect(answerOf(request("logging/setLevel", { level: "loud" }))!.error.code).toBe(-32602);
    expect(answerOf(request("resources/read", { uri: "mem://missing" }))!.error).toEqual({ code: -32002, message: "Resource not found: mem://missing", data: { uri: "mem://missing" } });
  });
});

describe("Session envelope checks", () => {
  it("answers each malformed message with a parse or invalid-request error, and keeps serving", () => {
    const { session, lines, request, answerOf } = open();
    session.handleText("{not json");
    session.handleText("[1,2]");
    session.handleText(JSON.stringify({ jsonrpc: "1.0", id: 4, method: "ping" }));
    session.handleText(JSON.stringify({ jsonrpc: "2.0", id: { x: 1 }, method: "ping" }));
    session.handleText(JSON.stringify({ jsonrpc: "2.0", id: 5, method: "ping", params: [1] }));
    session.handleText(JSON.stringify({ jsonrpc: "2.0", id: 6 }));
    expect(lines.map((l) => [l.id, l.error.code])).toEqual([
      [null, -32700],
      [null, -32600],
      [4, -32600],
      [null, -32600],
      [5, -32602],
      [6, -32600],
    ]);
    expect(answerOf(request("ping"))!.result).toEqual({});
  });

  it("sends nothing for notifications, known or not, and ignores answers to requests it never sent", () => {
    const { session, lines } = open();
    session.handleText(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
    session.handleText(JSON.stringify({ jsonrpc: "2.0", method: "notifications/whatever", params: {} }));
    session.handleText(JSON.stringify({ jsonrpc: "2.0", id: "mcpc-99", result: {} }));
    expect(lines).toEqual([]);
  });
});

describe("Session tool calls", () => {
  it("answers a call with its result, and invalid arguments with an isError result naming the path", () => {
    const { request, answerOf } = open();
    expect(answerOf(request("tools/call", { name: "add", arguments: { a: 2, b: 3 } }))!.result).toEqual({ content: [{ type: "text", text: "5" }], structuredContent: { result: 5 } });
    const invalid = answerOf(request("tools/call", { name: "add", arguments: { a: "2", b: 3 } }))!.result;
    expect(invalid.isError).toBe(true);
    expect(invalid.content[0].text).toBe("Invalid arguments for tool 'add':\n- 'a': must be number");
  });

  it("masks an unexpected exception (logged for the operator) unless errors are exposed; a ToolError's message goes through", () => {
    const masked = open();
    expect(masked.answerOf(masked.request("tools/call", { name: "boom" }))!.result.content[0].text).toBe("Tool 'boom' failed");
    expect(masked.logged.join("\n")).toContain("secret detail");
    expect(masked.answerOf(masked.request("tools/call", { name: "refuse" }))!.result).toEqual({ content: [{ type: "text", text: "try a smaller number" }], isError: true });
    const exposed = open({ exposeErrors: true });
    expect(exposed.answerOf(exposed.request("tools/call", { name: "boom" }))!.result.content[0].text).toBe("Tool 'boom' failed: secret detail");
  });

  it("on notifications/cancelled aborts the call's signal, never answers it, and forgets it", async () => {
    const { session, request, answerOf, lines } = open();
    abortReasons.length = 0;
    const id = request("tools/call", { name: "wait" });
    expect(session.inFlightCount).toBe(1);
    session.handleText(JSON.stringify({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: id } }));
    await settle();
    expect(abortReasons).toHaveLength(1);
    expect(abortReasons[0]).toBeInstanceOf(ToolError);
    expect((abortReasons[0] as Error).message).toBe("The client cancelled the request");
    expect(session.inFlightCount).toBe(0);
    expect(answerOf(id)).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it("answers a call past its timeout with an isError result", async () => {
    const { request, answerOf, session } = open();
    const id = request("tools/call", { name: "slow" });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(answerOf(id)!.result).toEqual({ content: [{ type: "text", text: "Tool 'slow' timed out after 0.03 s and was cancelled." }], isError: true });
    expect(session.inFlightCount).toBe(0);
  });

  it("refuses a call the core's rate limit does not admit", () => {
    const { session, request, answerOf } = open();
    session.core.admitToolCall = (name) => (name === "add" ? "Rate limit: retry in 3 s" : undefined);
    expect(answerOf(request("tools/call", { name: "add", arguments: { a: 1, b: 1 } }))!.result).toEqual({ content: [{ type: "text", text: "Rate limit: retry in 3 s" }], isError: true });
  });

  it("closing the session aborts its calls in flight", async () => {
    const { session, request } = open();
    request("tools/call", { name: "wait" });
    expect(session.inFlightCount).toBe(1);
    session.close();
    expect(session.inFlightCount).toBe(0);
  });
});

describe("Session notifications and client requests", () => {
  it("sends a call's log messages at or above the set level, named after the tool, and its progress before its answer", async () => {
    const { request, lines, answerOf, session } = open();
    request("logging/setLevel", { level: "warning" });
    lines.length = 0;
    const id = request("tools/call", { name: "chatty", _meta: { progressToken: "p1" } });
    await settle();
    expect(lines[0]).toEqual({ jsonrpc: "2.0", method: "notifications/message", params: { level: "warning", logger: "chatty", data: { message: "careful", data: { n: 1 } } } });
    expect(lines[1]).toEqual({ jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: "p1", progress: 1, total: 2, message: "half" } });
    // No ping on the result path: the answer follows its progress directly.
    expect(lines).toHaveLength(3);
    expect(answerOf(id)!.result).toEqual({ content: [{ type: "text", text: "done" }] });
    expect(lines.some((l) => l.method === "ping")).toBe(false);
    expect(session.inFlightCount).toBe(0);
  });

  it("asks the client for sampling only when it declared it, and relays its answer to the tool", async () => {
    const without = open();
    const refused = without.request("tools/call", { name: "ask" });
    await settle();
    expect(without.answerOf(refused)!.result.content[0].text).toBe("The connected client does not support sampling.");

    const { request, lines, answerOf, session, relatedIds } = open();
    request("initialize", { protocolVersion: "2025-11-25", capabilities: { sampling: {} } });
    const id = request("tools/call", { name: "ask" });
    const asked = lines.find((l) => l.method === "sampling/createMessage")!;
    expect(asked.params).toEqual({ messages: [], maxTokens: 5 });
    // The request names the call it serves, so HTTP sends it on that call's stream.
    expect(relatedIds[lines.indexOf(asked)]).toBe(id);
    session.handleText(JSON.stringify({ jsonrpc: "2.0", id: asked.id, result: { role: "assistant", content: { type: "text", text: "hi" } } }));
    await settle();
    expect(JSON.parse(answerOf(id)!.result.content[0].text)).toEqual({ role: "assistant", content: { type: "text", text: "hi" } });
  });
});

describe("Session: a client that refuses", () => {
  const refuse = (session: Session, lines: Record<string, any>[]) => {
    const asked = lines.find((l) => l.method === "sampling/createMessage")!;
    session.handleText(JSON.stringify({ jsonrpc: "2.0", id: asked.id, error: { code: -1, message: "User rejected sampling request" } }));
  };

  it("shows an uncaught refusal to the model as the tool's error, in the client's words", async () => {
    const { request, lines, answerOf, session } = open();
    request("initialize", { protocolVersion: "2025-11-25", capabilities: { sampling: {} } });
    const id = request("tools/call", { name: "ask" });
    refuse(session, lines);
    await settle();
    expect(answerOf(id)!.result).toEqual({ content: [{ type: "text", text: "User rejected sampling request" }], isError: true });
  });

  it("lets a tool catch the refusal as a ClientRefusedError", async () => {
    const { request, lines, answerOf, session } = open();
    request("initialize", { protocolVersion: "2025-11-25", capabilities: { sampling: {} } });
    const id = request("tools/call", { name: "ask_or_fallback" });
    refuse(session, lines);
    await settle();
    expect(answerOf(id)!.result.content[0].text).toBe("refused (-1, sampling/createMessage): User rejected sampling request");
  });
});

describe("Session resource and prompt calls", () => {
  it("runs a resource read with its own context: logs are named after the URI", async () => {
    const { request, lines, answerOf } = open();
    const id = request("resources/read", { uri: "mem://note" });
    await settle();
    expect(lines[0]).toMatchObject({ method: "notifications/message", params: { level: "info", logger: "mem://note", data: "read" } });
    expect(answerOf(id)!.result).toEqual({ contents: [{ uri: "mem://note", text: "hello" }] });
  });

  it("lets a tool read a resource with its own context", async () => {
    const { request, answerOf, lines } = open();
    const id = request("tools/call", { name: "peek" });
    await settle();
    expect(JSON.parse(answerOf(id)!.result.content[0].text)).toEqual({ contents: [{ uri: "mem://note", text: "hello" }] });
    expect(lines.find((l) => l.method === "notifications/message")!.params.logger).toBe("peek");
  });

  it("cancels a resource read (no answer), and bounds one by the default timeout", async () => {
    const cancelled = open();
    const id = cancelled.request("resources/read", { uri: "mem://stuck" });
    expect(cancelled.session.inFlightCount).toBe(1);
    cancelled.session.handleText(JSON.stringify({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: id } }));
    await settle();
    expect(cancelled.answerOf(id)).toBeUndefined();
    expect(cancelled.session.inFlightCount).toBe(0);

    const bounded = open({ defaultTimeoutMs: 20 });
    const late = bounded.request("resources/read", { uri: "mem://stuck" });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(bounded.answerOf(late)!.error).toEqual({ code: -32603, message: "Resource 'mem://stuck' timed out after 0.02 s and was cancelled." });
  });

  it("refuses a prompt without its required argument", () => {
    const { request, answerOf } = open();
    expect(answerOf(request("prompts/get", { name: "greet" }))!.error).toEqual({ code: -32602, message: "Invalid params: prompt 'greet' needs the argument 'who'" });
  });

  it("answers completions from the @complete function, bounded by the default timeout", async () => {
    const { request, answerOf } = open({ defaultTimeoutMs: 20 });
    const ref = { type: "ref/prompt", name: "greet" };
    expect(answerOf(request("completion/complete", { ref, argument: { name: "who", value: "A" } }))!.result).toEqual({ completion: { values: ["Ada", "Alan"], total: 2, hasMore: false } });
    const stalled = request("completion/complete", { ref, argument: { name: "who", value: "stall" } });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(answerOf(stalled)!.error).toEqual({ code: -32603, message: "The @complete function for 'who' timed out after 0.02 s and was cancelled." });
  });
});
