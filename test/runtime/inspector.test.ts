// The MCP Inspector's CLI, as it ships, lists and calls the quickstart tools.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";

const run = promisify(execFile);
const INSPECTOR = join(ROOT, "node_modules", "@modelcontextprotocol", "inspector-cli", "build", "index.js");
let serverPath: string;

/** The inspector reads ../package.json relative to its working directory, so it runs from test/. */
async function inspect(...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [INSPECTOR, process.execPath, serverPath, ...args], {
    cwd: join(ROOT, "test"),
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "quickstart", "tools.ts"), "quickstart-inspector")).serverPath;
});

describe("MCP Inspector CLI against the quickstart", () => {
  it("lists the tools", async () => {
    const listed = (await inspect("--method", "tools/list")) as { tools: Array<{ name: string; inputSchema: unknown }> };
    expect(listed.tools.map((t) => t.name)).toContain("convert_temperature");
    expect(listed.tools.find((t) => t.name === "slugify")?.inputSchema).toMatchObject({ type: "object", required: ["title"] });
  });

  it("calls a tool with arguments and gets structured content back", async () => {
    const result = await inspect(
      "--method", "tools/call", "--tool-name", "convert_temperature",
      "--tool-arg", "value=0", "--tool-arg", "from=celsius", "--tool-arg", "to=kelvin",
    );
    expect(result).toEqual({ content: [{ type: "text", text: "273.15" }], structuredContent: { result: 273.15 } });
  });

  it("gets a readable isError result for a bad argument", async () => {
    const result = (await inspect("--method", "tools/call", "--tool-name", "slugify", "--tool-arg", "title=!!!")) as {
      isError?: boolean;
      content: Array<{ text: string }>;
    };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toBe("The title has no letters or digits to make a slug from.");
  });
});
