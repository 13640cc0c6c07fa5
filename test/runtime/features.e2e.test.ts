// fixtures/features compiled by mcpc, driven by the SDK's Client over stdio:
// resources and templates, prompts, completions, context, content, paging.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CreateMessageRequestSchema, ElicitRequestSchema, ErrorCode, LoggingMessageNotificationSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES } from "../helpers/paths.js";
import { connectStdio, type ConnectedClient } from "../helpers/stdio-client.js";
import { waitFor } from "../helpers/wait-for.js";

let serverPath: string;
let server: ConnectedClient;
/** Log and progress notifications in the order the client handled them. */
const events: string[] = [];
let elicitAnswer: Record<string, unknown> = { action: "decline" };
const elicitRequests: unknown[] = [];

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "features", "tools.ts"), "features-e2e")).serverPath;
  server = await connectStdio(serverPath, { capabilities: { sampling: {}, elicitation: { form: {} } } });
  server.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    const data = n.params.data;
    events.push(`log:${n.params.level}:${typeof data === "string" ? data : JSON.stringify(data)}`);
  });
  server.client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
    role: "assistant",
    content: { type: "text", text: `A title for "${(request.params.messages[0]!.content as { text: string }).text}"` },
    model: "test-model",
  }));
  server.client.setRequestHandler(ElicitRequestSchema, async (request) => {
    elicitRequests.push(request.params);
    return elicitAnswer as never;
  });
});

afterAll(async () => {
  await server?.close();
});

async function rpcError(promise: Promise<unknown>): Promise<McpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof McpError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

describe("manifest.json", () => {
  it("holds exactly what the list methods return", async () => {
    const manifest = JSON.parse(readFileSync(join(dirname(serverPath), "manifest.json"), "utf8"));
    expect(manifest.tools).toEqual((await server.client.listTools()).tools);
    expect(manifest.resources).toEqual((await server.client.listResources()).resources);
    expect(manifest.resourceTemplates).toEqual((await server.client.listResourceTemplates()).resourceTemplates);
    expect(manifest.prompts).toEqual((await server.client.listPrompts()).prompts);
  });
});

describe("resources", () => {
  it("reads a static JSON resource, with its annotations listed", async () => {
    const { resources } = await server.client.listResources();
    expect(resources[0]).toEqual({
      uri: "config://settings",
      name: "settings",
      title: "Settings",
      description: "The service's settings.",
      mimeType: "application/json",
      annotations: { audience: ["user"], priority: 0.5 },
    });
    expect(await server.client.readResource({ uri: "config://settings" })).toEqual({
      contents: [{ uri: "config://settings", mimeType: "application/json", text: '{"theme":"dark","pageSize":20}' }],
    });
  });

  it("converts a template variable to the parameter's number type", async () => {
    const read = await server.client.readResource({ uri: "notes://42" });
    expect(read.contents).toEqual([{ uri: "notes://42", mimeType: "text/plain", text: "The answer" }]);
  });

  it("refuses a variable that does not convert, with invalid params", async () => {
    const error = await rpcError(server.client.readResource({ uri: "notes://forty-two" }));
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toContain("'id' must be a number");
  });

  it("matches {+path} across slashes and checks literal-union variables", async () => {
    const read = await server.client.readResource({ uri: "greetings://french/docs/a%20b/readme.md" });
    expect(read.contents).toEqual([{ uri: "greetings://french/docs/a%20b/readme.md", mimeType: "text/markdown", text: "# Bonjour from docs/a b/readme.md" }]);
    const error = await rpcError(server.client.readResource({ uri: "greetings://klingon/x" }));
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toContain('must be one of "english", "french", "german"');
  });

  it("{+path} spans slashes but refuses NUL and dot-segments with resource not found", async () => {
    for (const uri of ["greetings://french/a%00b", "greetings://french/docs/%2e%2e/%2e%2e/etc/passwd", "greetings://french/../../etc/passwd"]) {
      const error = await rpcError(server.client.readResource({ uri }));
      expect(error.code, uri).toBe(-32002);
    }
  });

  it("sends a Uint8Array as a base64 blob", async () => {
    const read = await server.client.readResource({ uri: "notes://1/raw" });
    expect(read.contents).toEqual([{ uri: "notes://1/raw", mimeType: "application/octet-stream", blob: Buffer.from("Buy milk").toString("base64") }]);
  });

  it("answers an unknown URI with resource not found (-32002)", async () => {
    const error = await rpcError(server.client.readResource({ uri: "nothing://here" }));
    expect(error.code).toBe(-32002);
  });

  it("passes a ToolError's message from a resource function to the client", async () => {
    const error = await rpcError(server.client.readResource({ uri: "notes://7" }));
    expect(error.message).toContain("There is no note 7");
  });

  it("gives a resource function a Context", async () => {
    events.length = 0;
    const read = await server.client.readResource({ uri: "logs://read" });
    expect((read.contents[0] as { text: string }).text).toMatch(/^read by request \d+$/);
    await waitFor(() => expect(events).toContain("log:info:reading logs://read"));
  });

  it("aborts a resource function's signal when the reader cancels", async () => {
    events.length = 0;
    expect((await server.client.readResource({ uri: "slow://10" })).contents).toEqual([{ uri: "slow://10", mimeType: "text/plain", text: "waited 10 ms" }]);
    const controller = new AbortController();
    const read = server.client.readResource({ uri: "slow://5000" }, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort("enough");
    await expect(read).rejects.toThrow();
    await waitFor(() => expect(events).toContain("log:warning:slow://5000 observed cancellation"));
  });

  it("lets a tool read the server's own resource", async () => {
    const result = await server.client.callTool({ name: "read_settings", arguments: {} });
    expect(result.content).toEqual([{ type: "text", text: '{"theme":"dark","pageSize":20}' }]);
  });
});

describe("prompts", () => {
  it("lists arguments with required flags and descriptions", async () => {
    const { prompts } = await server.client.listPrompts();
    expect(prompts).toEqual([
      {
        name: "summarise",
        title: "Summarise a note",
        description: "Asks for a summary of a note.",
        icons: [{ src: "data:image/svg+xml;base64,PHN2Zy8+", mimeType: "image/svg+xml", sizes: ["any"], theme: "dark" }],
        arguments: [
          { name: "note", description: "The note's text", required: true },
          { name: "language", description: "The language of the summary", required: true },
          { name: "tone", description: "How the summary sounds", required: false },
        ],
      },
      { name: "start_conversation", description: "A short conversation to start from.", arguments: [{ name: "topic", required: false }] },
    ]);
  });

  it("returns a string as one user message", async () => {
    const result = await server.client.getPrompt({ name: "summarise", arguments: { note: "Buy milk", language: "german", tone: "funny" } });
    expect(result.messages).toEqual([{ role: "user", content: { type: "text", text: "Summarise in german, funny: Buy milk" } }]);
  });

  it("returns a message array as given", async () => {
    const result = await server.client.getPrompt({ name: "start_conversation", arguments: {} });
    expect(result.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("answers a missing required argument with invalid params (-32602)", async () => {
    const error = await rpcError(server.client.getPrompt({ name: "summarise", arguments: { note: "x" } }));
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toContain("'language'");
  });

  it("refuses a value outside the literal union", async () => {
    const error = await rpcError(server.client.getPrompt({ name: "summarise", arguments: { note: "x", language: "latin" } }));
    expect(error.code).toBe(ErrorCode.InvalidParams);
  });
});

describe("completion", () => {
  it("completes a literal-union prompt argument by prefix", async () => {
    const result = await server.client.complete({ ref: { type: "ref/prompt", name: "summarise" }, argument: { name: "language", value: "fr" } });
    expect(result.completion).toEqual({ values: ["french"], total: 1, hasMore: false });
  });

  it("completes an enum argument with all values for an empty prefix", async () => {
    const result = await server.client.complete({ ref: { type: "ref/prompt", name: "summarise" }, argument: { name: "tone", value: "" } });
    expect(result.completion.values).toEqual(["formal", "friendly", "funny"]);
  });

  it("completes a template variable, from its type or its @complete function", async () => {
    const fromType = await server.client.complete({ ref: { type: "ref/resource", uri: "greetings://{language}/{+path}" }, argument: { name: "language", value: "e" } });
    expect(fromType.completion.values).toEqual(["english"]);
    const fromFunction = await server.client.complete({ ref: { type: "ref/resource", uri: "notes://{id}/raw" }, argument: { name: "id", value: "4" } });
    expect(fromFunction.completion.values).toEqual(["42"]);
  });

  it("answers an unknown prompt with invalid params", async () => {
    const error = await rpcError(server.client.complete({ ref: { type: "ref/prompt", name: "nope" }, argument: { name: "a", value: "" } }));
    expect(error.code).toBe(ErrorCode.InvalidParams);
  });
});

describe("tools: content, annotations, @internal", () => {
  it("lists annotations from tags and keeps @internal and @complete functions out", async () => {
    const { tools } = await server.client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).not.toContain("helper");
    expect(names).not.toContain("noteIds");
    const find = tools.find((t) => t.name === "find_note")!;
    expect(find.annotations).toEqual({ title: "Find a note", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(find.outputSchema).toBeUndefined();
    expect(find.icons).toEqual([{ src: "https://example.com/icons/note.png", mimeType: "image/png", sizes: ["48x48", "96x96"] }]);
    expect(tools.find((t) => t.name === "steps")!.annotations).toBeUndefined();
  });

  it("returns content blocks as given: text plus a resource link, or one image from bytes", async () => {
    const found = await server.client.callTool({ name: "find_note", arguments: { id: 2 } });
    expect(found.content).toEqual([
      { type: "text", text: "Call Ada" },
      { type: "resource_link", uri: "notes://2", name: "note 2", mimeType: "text/plain" },
    ]);
    expect(found.structuredContent).toBeUndefined();
    const captioned = await server.client.callTool({ name: "captioned", arguments: { caption: "a red dot" } });
    expect((captioned.content as { type: string }[]).map((c) => c.type)).toEqual(["text", "image"]);
    expect((captioned.content as { text?: string }[])[0]!.text).toBe("a red dot");
    const pixel = await server.client.callTool({ name: "pixel", arguments: {} });
    expect(pixel.content).toEqual([{ type: "image", data: expect.stringMatching(/^iVBORw0KGgo/), mimeType: "image/png" }]);
  });
});

describe("context", () => {
  it("delivers logs and progress in order, all before the result of a tool that returns right after its last report", async () => {
    await server.client.setLoggingLevel("info");
    events.length = 0;
    const result = await server.client.callTool({ name: "steps", arguments: { count: 4 } }, undefined, {
      onprogress: (p) => void events.push(`progress:${p.progress}/${p.total}:${p.message}`),
    });
    events.push("result");
    expect(result.content).toEqual([{ type: "text", text: "done 4" }]);
    expect(events).toEqual([
      "log:info:step 1",
      "progress:1/4:step 1 of 4",
      "log:info:step 2",
      "progress:2/4:step 2 of 4",
      "log:info:step 3",
      "progress:3/4:step 3 of 4",
      "log:info:step 4",
      "progress:4/4:step 4 of 4",
      "result",
    ]);
  });

  it("honours logging/setLevel", async () => {
    await server.client.setLoggingLevel("warning");
    events.length = 0;
    await server.client.callTool({ name: "log_levels", arguments: {} });
    await waitFor(() => expect(events.length).toBe(2));
    expect(events).toEqual(['log:warning:{"message":"warning message","data":{"code":7}}', "log:error:error message"]);
    await server.client.setLoggingLevel("debug");
    events.length = 0;
    await server.client.callTool({ name: "log_levels", arguments: {} });
    await waitFor(() => expect(events.length).toBe(4));
  });

  it("aborts the function's signal on notifications/cancelled", async () => {
    events.length = 0;
    const controller = new AbortController();
    const call = server.client.callTool({ name: "wait_for_cancel", arguments: {} }, undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort("the test gave up");
    await expect(call).rejects.toThrow();
    await waitFor(() => expect(events).toContain("log:warning:observed cancellation: The client cancelled the request"));
  });

  it("aborts the signal on @timeout and answers with an isError result", async () => {
    events.length = 0;
    const result = await server.client.callTool({ name: "too_slow", arguments: {} });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: "text", text: "Tool 'too_slow' timed out after 0.2 s and was cancelled." }]);
    await waitFor(() => expect(events.some((e) => e.startsWith("log:warning:observed timeout"))).toBe(true));
  });

  it("samples through the client's handler", async () => {
    const result = await server.client.callTool({ name: "suggest_title", arguments: { note: "Buy milk" } });
    expect(result.content).toEqual([{ type: "text", text: 'A title for "Title for: Buy milk"' }]);
  });

  it("elicits with a form schema built from the TypeScript type, and reads the typed answer", async () => {
    elicitRequests.length = 0;
    elicitAnswer = { action: "accept", content: { name: "Ada", age: 36, newsletter: "weekly" } };
    const accepted = await server.client.callTool({ name: "register", arguments: {} });
    expect(accepted.content).toEqual([{ type: "text", text: "Ada (36) gets the weekly newsletter" }]);
    expect(elicitRequests[0]).toEqual({
      message: "Who are you?",
      requestedSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "Your name" },
          age: { type: "number", description: "How old you are" },
          newsletter: { type: "string", description: "Which newsletter", enum: ["daily", "weekly"] },
        },
        required: ["name", "newsletter"],
      },
    });
    elicitAnswer = { action: "accept", content: { name: "Ada", age: "old", newsletter: "weekly" } };
    const mistyped = await server.client.callTool({ name: "register", arguments: {} });
    expect(mistyped).toEqual({ isError: true, content: [{ type: "text", text: "The client's answer to the form does not match it: 'age' must be a number." }] });
    elicitAnswer = { action: "accept", content: { age: 3 } };
    const incomplete = await server.client.callTool({ name: "register", arguments: {} });
    expect((incomplete.content as { text: string }[])[0]!.text).toContain("'name' is missing");
    elicitAnswer = { action: "decline" };
    const declined = await server.client.callTool({ name: "register", arguments: {} });
    expect(declined.content).toEqual([{ type: "text", text: "no answer (decline)" }]);
  });
});

describe("paging", () => {
  it("pages every list method past the page size, and refuses an unknown cursor", async () => {
    const paged = await connectStdio(serverPath, { env: { MCPC_PAGE_SIZE: "2" } });
    try {
      const all: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await paged.client.listTools(cursor === undefined ? {} : { cursor });
        all.push(...page.tools.map((t) => t.name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      const { tools } = await server.client.listTools();
      expect(all).toEqual(tools.map((t) => t.name));
      expect(pages).toBe(Math.ceil(tools.length / 2));

      const templates = await paged.client.listResourceTemplates();
      expect(templates.resourceTemplates).toHaveLength(2);
      const rest = await paged.client.listResourceTemplates({ cursor: templates.nextCursor! });
      expect(rest.resourceTemplates.map((t) => t.name)).toEqual(["noteBytes", "slow"]);
      expect(rest.nextCursor).toBeUndefined();
      expect((await paged.client.listPrompts()).nextCursor).toBeUndefined();

      const error = await rpcError(paged.client.listResources({ cursor: "bogus" }));
      expect(error.code).toBe(ErrorCode.InvalidParams);
    } finally {
      await paged.close();
    }
  });
});
