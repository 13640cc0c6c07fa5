// The quickstart compiled by mcpc, run on plain node, driven by the SDK's Client over stdio.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES } from "../helpers/paths.js";
import { connectStdio, type ConnectedClient } from "../helpers/stdio-client.js";
import { waitFor } from "../helpers/wait-for.js";

let server: ConnectedClient;
let outDir: string;

beforeAll(async () => {
  const built = await buildFixture(join(FIXTURES, "quickstart", "tools.ts"), "quickstart-e2e");
  outDir = built.outDir;
  server = await connectStdio(built.serverPath);
});

afterAll(async () => {
  await server?.close();
});

describe("quickstart over stdio", () => {
  it("lists exactly the tools in manifest.json", async () => {
    const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
    const listed = await server.client.listTools();
    expect(listed.tools).toEqual(manifest.tools);
    expect(listed.tools.map((t) => t.name)).toEqual(["convert_temperature", "text_stats", "slugify", "add_task", "complete_task", "roll_dice"]);
  });

  it("negotiates the latest protocol version and reports the server's name", () => {
    expect(server.client.getServerVersion()).toEqual({ name: "mcpc", version: expect.any(String) });
    expect(server.client.getServerCapabilities()?.tools).toBeDefined();
  });

  it("returns a number wrapped as structured content with a text block", async () => {
    const result = await server.client.callTool({ name: "convert_temperature", arguments: { value: 100, from: "celsius", to: "fahrenheit" } });
    expect(result.structuredContent).toEqual({ result: 212 });
    expect(result.content).toEqual([{ type: "text", text: "212" }]);
    expect(result.isError).toBeFalsy();
  });

  it("returns a string as one text block", async () => {
    const result = await server.client.callTool({ name: "slugify", arguments: { title: "Héllo, MCP wörld!", maxLength: 9 } });
    expect(result.content).toEqual([{ type: "text", text: "hello-mcp" }]);
    expect(result.structuredContent).toBeUndefined();
  });

  it("applies parameter defaults when arguments are omitted", async () => {
    const long = "word ".repeat(40);
    const result = await server.client.callTool({ name: "slugify", arguments: { title: long } });
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text.startsWith("word-word")).toBe(true);
  });

  it("returns an object as structuredContent and the same JSON as text", async () => {
    const result = await server.client.callTool({ name: "add_task", arguments: { task: { title: "Ship it", tags: ["release"], due: "2026-12-01" } } });
    const expected = { id: expect.any(Number), title: "Ship it", priority: "normal", tags: ["release"], due: "2026-12-01", done: false };
    expect(result.structuredContent).toEqual(expected);
    expect(JSON.parse((result.content as Array<{ text: string }>)[0]!.text)).toEqual(result.structuredContent);
  });

  it("passes a destructured parameter's properties as root arguments", async () => {
    const added = await server.client.callTool({ name: "add_task", arguments: { task: { title: "Review" } } });
    const id = (added.structuredContent as { id: number }).id;
    const done = await server.client.callTool({ name: "complete_task", arguments: { id } });
    expect(done.structuredContent).toMatchObject({ id, done: true });
  });

  it("answers invalid arguments with an isError result naming every failing path", async () => {
    const result = await server.client.callTool({
      name: "add_task",
      arguments: { task: { title: "", priority: "urgent", tags: "x", colour: "red", due: "tomorrow" } },
    });
    expect(result.isError).toBe(true);
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(text).toContain("Invalid arguments for tool 'add_task'");
    expect(text).toContain("'task.title': must NOT have fewer than 1 characters");
    expect(text).toContain(`'task.priority': must be one of "low", "normal", "high"`);
    expect(text).toContain("'task.tags': must be array");
    expect(text).toContain("'task.colour': unknown property");
    expect(text).toContain(`'task.due': must match format "date"`);
  });

  it("reports a missing required argument by name", async () => {
    const result = await server.client.callTool({ name: "convert_temperature", arguments: { value: 1, from: "kelvin" } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toContain("'to': required, but missing");
  });

  it("enforces JSDoc constraints from a type alias (@integer @minimum @maximum on Sides)", async () => {
    const result = await server.client.callTool({ name: "roll_dice", arguments: { count: 2, sides: 1.5 } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toContain("'sides': must be integer");
  });

  it("delivers a thrown ToolError's message to the client", async () => {
    const result = await server.client.callTool({ name: "complete_task", arguments: { id: 999 } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toMatch(/^There is no task 999\. Known ids: /);
  });

  it("keeps console.log in a tool off the protocol stream", async () => {
    const result = await server.client.callTool({ name: "roll_dice", arguments: { count: 3, sides: 6 } });
    const { rolls, total } = result.structuredContent as { rolls: number[]; total: number };
    expect(rolls).toHaveLength(3);
    expect(total).toBe(rolls.reduce((a, b) => a + b, 0));
    await waitFor(() => expect(server.stderr()).toContain("rolling 3d6"));
    // The connection still works after the tool printed.
    await expect(server.client.ping()).resolves.toEqual({});
  });

  it("answers an unknown tool with a JSON-RPC invalid-params error", async () => {
    await expect(server.client.callTool({ name: "no_such_tool", arguments: {} })).rejects.toThrow(/-32602.*Unknown tool: no_such_tool/);
  });
});
