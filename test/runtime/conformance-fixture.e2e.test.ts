// fixtures/conformance compiled by mcpc and checked over stdio against what
// each server scenario of @modelcontextprotocol/conformance 0.1.16 expects.
import { join } from "node:path";
import { CreateMessageRequestSchema, ElicitRequestSchema, LoggingMessageNotificationSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES } from "../helpers/paths.js";
import { connectStdio, type ConnectedClient } from "../helpers/stdio-client.js";

let server: ConnectedClient;
const elicitations: unknown[] = [];
const logs: unknown[] = [];

beforeAll(async () => {
  const built = await buildFixture(join(FIXTURES, "conformance", "tools.ts"), "conformance-stdio");
  server = await connectStdio(built.serverPath, { capabilities: { sampling: {}, elicitation: { form: {} } } });
  server.client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
    role: "assistant",
    content: { type: "text", text: `echo: ${(request.params.messages[0]!.content as { text: string }).text}` },
    model: "test-model",
    stopReason: "endTurn",
  }));
  server.client.setRequestHandler(ElicitRequestSchema, async (request) => {
    elicitations.push(request.params);
    return { action: "accept", content: { username: "testuser", email: "test@example.com" } };
  });
  server.client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void logs.push(n.params));
});

afterAll(async () => {
  await server?.close();
});

const PNG_SIGNATURE = "iVBORw0KGgo";

describe("conformance fixture: tools", () => {
  it("json-schema-2020-12: keeps $schema (@jsonSchemaDialect) and $defs.address (@ref), and still validates through the ref", async () => {
    const { tools } = await server.client.listTools();
    const tool = tools.find((t) => t.name === "json_schema_2020_12_tool")!;
    expect(tool.inputSchema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      additionalProperties: false,
      properties: { address: { $ref: "#/$defs/address" } },
      $defs: { address: { type: "object", required: ["street", "city"] } },
    });
    const ok = await server.client.callTool({ name: "json_schema_2020_12_tool", arguments: { name: "Ada", address: { street: "1 Main St", city: "London" } } });
    expect(ok.isError).toBeFalsy();
    const bad = await server.client.callTool({ name: "json_schema_2020_12_tool", arguments: { name: "Ada", address: { street: "1 Main St" } } });
    expect(bad.isError).toBe(true);
    expect((bad.content as Array<{ text: string }>)[0]!.text).toContain("'address.city': required, but missing");
  });

  it("tools-list: every tool has a name, description and inputSchema", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        "json_schema_2020_12_tool",
        "test_audio_content",
        "test_elicitation",
        "test_elicitation_sep1034_defaults",
        "test_elicitation_sep1330_enums",
        "test_embedded_resource",
        "test_error_handling",
        "test_image_content",
        "test_multiple_content_types",
        "test_reconnection",
        "test_sampling",
        "test_simple_text",
        "test_tool_with_logging",
        "test_tool_with_progress",
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema.type).toBe("object");
      // Content-returning tools have no outputSchema.
      expect(tool.outputSchema).toBeUndefined();
    }
  });

  it("tools-call-simple-text", async () => {
    const result = await server.client.callTool({ name: "test_simple_text" });
    expect(result.content).toEqual([{ type: "text", text: "This is a simple text response for testing." }]);
  });

  it("tools-call-image / tools-call-audio", async () => {
    const imageResult = await server.client.callTool({ name: "test_image_content", arguments: {} });
    expect(imageResult.content).toEqual([{ type: "image", data: expect.stringMatching(new RegExp(`^${PNG_SIGNATURE}`)), mimeType: "image/png" }]);
    const audioResult = await server.client.callTool({ name: "test_audio_content", arguments: {} });
    expect(audioResult.content).toEqual([{ type: "audio", data: expect.stringMatching(/^UklGR/), mimeType: "audio/wav" }]);
  });

  it("tools-call-embedded-resource / tools-call-mixed-content", async () => {
    const embedded = await server.client.callTool({ name: "test_embedded_resource", arguments: {} });
    expect(embedded.content).toEqual([
      { type: "resource", resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." } },
    ]);
    const mixed = await server.client.callTool({ name: "test_multiple_content_types", arguments: {} });
    expect((mixed.content as { type: string }[]).map((c) => c.type)).toEqual(["text", "image", "resource"]);
    expect((mixed.content as { resource?: unknown }[])[2]!.resource).toEqual({
      uri: "test://mixed-content-resource",
      mimeType: "application/json",
      text: '{"test":"data","value":123}',
    });
  });

  it("tools-call-error: isError with the message", async () => {
    const result = await server.client.callTool({ name: "test_error_handling", arguments: {} });
    expect(result).toEqual({ isError: true, content: [{ type: "text", text: "This tool intentionally returns an error for testing" }] });
  });

  it("logging-set-level + tools-call-with-logging: three info messages in order, before the result", async () => {
    await server.client.setLoggingLevel("debug");
    logs.length = 0;
    const result = await server.client.callTool({ name: "test_tool_with_logging", arguments: {} });
    expect(result.content).toEqual([{ type: "text", text: "Tool with logging executed successfully" }]);
    expect(logs.map((l) => (l as { data: unknown }).data)).toEqual(["Tool execution started", "Tool processing data", "Tool execution completed"]);
    expect(logs.every((l) => (l as { level: string }).level === "info")).toBe(true);
  });

  it("tools-call-with-progress: 0, 50, 100 of 100 all arrive although the tool returns right after the last", async () => {
    const seen: { progress: number; total?: number }[] = [];
    const result = await server.client.callTool({ name: "test_tool_with_progress", arguments: {} }, undefined, {
      onprogress: (p) => void seen.push(p),
    });
    expect(seen).toEqual([
      { progress: 0, total: 100 },
      { progress: 50, total: 100 },
      { progress: 100, total: 100 },
    ]);
    expect(result.content).toEqual([{ type: "text", text: "Tool with progress executed successfully" }]);
  });

  it("tools-call-sampling: asks the client's model and returns its answer", async () => {
    const result = await server.client.callTool({ name: "test_sampling", arguments: { prompt: "Test prompt for sampling" } });
    expect(result.content).toEqual([{ type: "text", text: "LLM response: echo: Test prompt for sampling" }]);
  });

  it("tools-call-elicitation: the requested schema is built from the TypeScript type", async () => {
    elicitations.length = 0;
    const result = await server.client.callTool({ name: "test_elicitation", arguments: { message: "Please provide your information" } });
    expect(elicitations[0]).toEqual({
      message: "Please provide your information",
      requestedSchema: {
        type: "object",
        properties: {
          username: { type: "string", description: "User's response" },
          email: { type: "string", description: "User's email address" },
        },
        required: ["username", "email"],
      },
    });
    expect(result.content).toEqual([{ type: "text", text: 'User response: action=accept, content={"username":"testuser","email":"test@example.com"}' }]);
  });

  it("elicitation-sep1034-defaults: every primitive field carries its default", async () => {
    elicitations.length = 0;
    await server.client.callTool({ name: "test_elicitation_sep1034_defaults", arguments: {} });
    const properties = (elicitations[0] as { requestedSchema: { properties: Record<string, unknown> } }).requestedSchema.properties;
    expect(properties).toEqual({
      name: { type: "string", default: "John Doe" },
      age: { type: "integer", default: 30 },
      score: { type: "number", default: 95.5 },
      status: { type: "string", enum: ["active", "inactive", "pending"], default: "active" },
      verified: { type: "boolean", default: true },
    });
  });

  it("elicitation-sep1330-enums: the five enum shapes", async () => {
    elicitations.length = 0;
    await server.client.callTool({ name: "test_elicitation_sep1330_enums", arguments: {} });
    const properties = (elicitations[0] as { requestedSchema: { properties: Record<string, Record<string, unknown>> } }).requestedSchema.properties;
    expect(properties.untitledSingle).toMatchObject({ type: "string", enum: ["option1", "option2", "option3"] });
    expect(properties.titledSingle!.oneOf).toHaveLength(3);
    expect(properties.legacyEnum!.enumNames).toEqual(["Option One", "Option Two", "Option Three"]);
    expect(properties.untitledMulti).toMatchObject({ type: "array", items: { type: "string", enum: ["option1", "option2", "option3"] } });
    expect((properties.titledMulti!.items as { anyOf: unknown[] }).anyOf).toHaveLength(3);
  });
});

describe("conformance fixture: resources", () => {
  it("resources-list: the static resources, each with uri, name and mimeType", async () => {
    const { resources } = await server.client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["test://static-text", "test://static-binary", "test://watched-resource"]);
    expect(resources[0]).toEqual({
      uri: "test://static-text",
      name: "staticText",
      title: "Static Text Resource",
      description: "A static text resource.",
      mimeType: "text/plain",
    });
    const { resourceTemplates } = await server.client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      {
        uriTemplate: "test://template/{id}/data",
        name: "templateData",
        title: "Resource Template",
        description: "A resource template with an id parameter.",
        mimeType: "application/json",
      },
    ]);
  });

  it("resources-read-text / resources-read-binary", async () => {
    expect(await server.client.readResource({ uri: "test://static-text" })).toEqual({
      contents: [{ uri: "test://static-text", mimeType: "text/plain", text: "This is the content of the static text resource." }],
    });
    const binary = await server.client.readResource({ uri: "test://static-binary" });
    expect(binary.contents).toEqual([{ uri: "test://static-binary", mimeType: "image/png", blob: expect.stringMatching(new RegExp(`^${PNG_SIGNATURE}`)) }]);
  });

  it("resources-templates-read: the variable is substituted", async () => {
    expect(await server.client.readResource({ uri: "test://template/123/data" })).toEqual({
      contents: [{ uri: "test://template/123/data", mimeType: "application/json", text: '{"id":"123","templateTest":true,"data":"Data for ID: 123"}' }],
    });
  });

  it("a {var} is one segment after decoding: %2F, %5C, %00 and %2e%2e never reach the function", async () => {
    for (const uri of ["test://template/%2e%2e%2f%2e%2e%2fetc%2fpasswd/data", "test://template/a%2Fb/data", "test://template/a%5Cb/data", "test://template/a%00b/data", "test://template/%2e%2e/data"]) {
      // Not a resource this server has: resource not found (-32002), as the spec asks, with the URI in data.
      const error = await server.client.readResource({ uri }).then(
        () => undefined,
        (e: McpError) => e,
      );
      expect(error, uri).toBeInstanceOf(McpError);
      expect(error!.code, uri).toBe(-32002);
      expect(error!.data, uri).toEqual({ uri });
    }
    // The same template still serves an ordinary value, and names that merely start with dots.
    expect((await server.client.readResource({ uri: "test://template/..notes/data" })).contents[0]).toMatchObject({ text: '{"id":"..notes","templateTest":true,"data":"Data for ID: ..notes"}' });
  });

  it("resources-subscribe / resources-unsubscribe answer with {}", async () => {
    expect(server.client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    expect(await server.client.subscribeResource({ uri: "test://watched-resource" })).toEqual({});
    expect(await server.client.unsubscribeResource({ uri: "test://watched-resource" })).toEqual({});
  });
});

describe("conformance fixture: prompts and completion", () => {
  it("prompts-list: names, descriptions and arguments", async () => {
    const { prompts } = await server.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["test_simple_prompt", "test_prompt_with_arguments", "test_prompt_with_embedded_resource", "test_prompt_with_image"]);
    for (const prompt of prompts) expect(prompt.description).toBeTruthy();
    expect(prompts[1]!.arguments).toEqual([
      { name: "arg1", description: "First test argument", required: true },
      { name: "arg2", description: "Second test argument", required: true },
    ]);
  });

  it("prompts-get-simple / prompts-get-with-args", async () => {
    expect((await server.client.getPrompt({ name: "test_simple_prompt" })).messages).toEqual([
      { role: "user", content: { type: "text", text: "This is a simple prompt for testing." } },
    ]);
    const withArgs = await server.client.getPrompt({ name: "test_prompt_with_arguments", arguments: { arg1: "testValue1", arg2: "testValue2" } });
    expect(withArgs.messages).toEqual([{ role: "user", content: { type: "text", text: "Prompt with arguments: arg1='testValue1', arg2='testValue2'" } }]);
  });

  it("prompts-get-embedded-resource / prompts-get-with-image", async () => {
    const embedded = await server.client.getPrompt({ name: "test_prompt_with_embedded_resource", arguments: { resourceUri: "test://example-resource" } });
    expect(embedded.messages[0]).toEqual({
      role: "user",
      content: { type: "resource", resource: { uri: "test://example-resource", mimeType: "text/plain", text: "Embedded resource content for testing." } },
    });
    const withImage = await server.client.getPrompt({ name: "test_prompt_with_image" });
    expect(withImage.messages[0]!.content).toEqual({ type: "image", data: expect.stringMatching(new RegExp(`^${PNG_SIGNATURE}`)), mimeType: "image/png" });
  });

  it("completion-complete: the @complete function's values for the typed prefix", async () => {
    const result = await server.client.complete({ ref: { type: "ref/prompt", name: "test_prompt_with_arguments" }, argument: { name: "arg1", value: "par" } });
    expect(result.completion).toEqual({ values: ["paris", "park", "party"], total: 3, hasMore: false });
  });

  it("ping answers {}", async () => {
    expect(await server.client.ping()).toEqual({});
  });
});
