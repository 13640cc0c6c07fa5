// `mcpc/testing`: the emitted server's core and the SDK Client in one process.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectInMemory, type InMemoryConnection } from "mcpc/testing";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES } from "../helpers/paths.js";

let connection: InMemoryConnection;
let outDir: string;

beforeAll(async () => {
  outDir = (await buildFixture(join(FIXTURES, "quickstart", "tools.ts"), "testing-helper")).outDir;
  connection = await connectInMemory(outDir);
});

afterAll(async () => {
  await connection?.close();
});

describe("mcpc/testing connectInMemory", () => {
  it("serves the built server's tools without starting a process or touching stdio", async () => {
    const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
    expect((await connection.client.listTools()).tools).toEqual(manifest.tools);
    expect(connection.client.getServerVersion()?.name).toBe("mcpc");
  });

  it("runs calls through validation and result mapping", async () => {
    const ok = await connection.client.callTool({ name: "convert_temperature", arguments: { value: 0, from: "celsius", to: "kelvin" } });
    expect(ok.structuredContent).toEqual({ result: 273.15 });
    const bad = await connection.client.callTool({ name: "convert_temperature", arguments: { value: 0, from: "celsius" } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("'to': required, but missing");
  });

  it("explains a missing build", async () => {
    await expect(connectInMemory(join(outDir, "nope"))).rejects.toThrow(/run 'mcpc build' first/);
  });
});
