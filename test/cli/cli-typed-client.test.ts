// `mcpc build --client`: the typed client type-checks against the fixture and returns typed results.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, TSCONFIG } from "../helpers/cli.js";
import { FIXTURES, OUT, ROOT } from "../helpers/paths.js";
import { connectStdio } from "../helpers/stdio-client.js";

const CONSUMER = `import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { createTools } from "./gen/client.js";

export async function use(client: Client) {
  const tools = createTools(client);
  const kelvin: number = await tools.convert_temperature({ value: 1, from: "celsius", to: "kelvin" });
  const slug: string = await tools.slugify({ title: "Hello" });
  const task = await tools.add_task({ task: { title: "t", priority: "high" } });
  const id: number = task.id;
  const done: boolean = task.done;
  const rolled = await tools.roll_dice();
  const total: number = rolled.total;
  // @ts-expect-error "rankine" is not a TemperatureUnit
  await tools.convert_temperature({ value: 1, from: "rankine", to: "kelvin" });
  // @ts-expect-error the required parameter 'to' is missing
  await tools.convert_temperature({ value: 1, from: "celsius" });
  // @ts-expect-error the tool returns a number, not a string
  const wrong: string = await tools.convert_temperature({ value: 1, from: "celsius", to: "kelvin" });
  // @ts-expect-error there is no such tool
  await tools.no_such_tool({});
  return { kelvin, slug, id, done, total, wrong };
}
`;

describe("mcpc build --client", () => {
  const dir = join(OUT, "tmp-typed-client");

  it("emits a client whose types come from the tools' own signatures", () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const built = runCli(["build", join(FIXTURES, "quickstart", "tools.ts"), "--out", join(dir, "gen"), "--client"], ROOT);
    expect(built.status, built.stderr).toBe(0);
    writeFileSync(join(dir, "consumer.ts"), CONSUMER);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...JSON.parse(TSCONFIG), compilerOptions: { ...JSON.parse(TSCONFIG).compilerOptions, noEmit: true }, files: ["consumer.ts"] }));
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
    expect(tsc.status, tsc.stdout).toBe(0);
    // The check can fail: a wrong return type annotation is reported.
    writeFileSync(join(dir, "consumer.ts"), CONSUMER.replace("const slug: string", "const slug: number"));
    const failing = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
    expect(failing.status).not.toBe(0);
    expect(failing.stdout).toContain("Type 'string' is not assignable to type 'number'");
  });

  it("returns each tool's result in its own shape and throws ToolCallError on isError", async () => {
    const server = await connectStdio(join(dir, "gen", "server.js"));
    try {
      const { createTools, ToolCallError } = await import(pathToFileURL(join(dir, "gen", "client.js")).href);
      const tools = createTools(server.client);
      expect(await tools.convert_temperature({ value: 100, from: "celsius", to: "fahrenheit" })).toBe(212);
      expect(await tools.slugify({ title: "Hello World" })).toBe("hello-world");
      const task = await tools.add_task({ task: { title: "Ship" } });
      expect(task).toMatchObject({ id: expect.any(Number), title: "Ship", done: false });
      const error = await tools.complete_task({ id: 999 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolCallError);
      expect((error as Error).message).toMatch(/^Tool 'complete_task' failed: There is no task 999/);
    } finally {
      await server.close();
    }
  });
});
