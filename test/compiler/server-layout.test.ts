// server.js is written in prettier's layout, with no formatter run
// (compiler/3-emit/layout.ts): prettier must leave every emitted server.js
// exactly as it is, from the fixtures to the bench's generated 200 tools.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../compiler/index.js";
import { formatWithPrettier } from "../../compiler/3-emit/format.js";
import { Code, fitsPrettierLayout, LaidOut, layOut, Method, propertyKey, stringLiteral } from "../../compiler/3-emit/layout.js";
import { FIXTURES, OUT, ROOT } from "../helpers/paths.js";
// @ts-expect-error: a JavaScript module of the bench, without types.
import { generateTools } from "../../bench/lib/generate-sources.mjs";

async function serverOf(entry: string, options: { name?: string } = {}): Promise<string> {
  const result = await build({ entries: [entry], cwd: ROOT, outDir: join(OUT, "server-layout-unused"), ...options }, false);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => d.code)).toEqual([]);
  return result.files!.get("server.js")!;
}

const ENTRIES = [
  ...[...readdirSync(FIXTURES), ...readdirSync(join(FIXTURES, "servers")).map((name) => join("servers", name))]
    .map((name) => join(FIXTURES, name, "tools.ts"))
    .filter((path) => existsSync(path)),
  ...["file-server", "http-api", "sqlite"].map((name) => join(ROOT, "examples", name, "tools.ts")),
];

describe("server.js layout", () => {
  it.each(ENTRIES.map((e) => [e.slice(ROOT.length + 1), e]))("prettier leaves %s's server.js unchanged", async (_name, entry) => {
    const server = await serverOf(entry);
    expect(await formatWithPrettier(server)).toBe(server);
  });

  it("holds for 200 generated tools, and a server name with quotes", async () => {
    const dir = join(OUT, "server-layout-generated");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "tools.ts"), generateTools(200));
    const server = await serverOf(join(dir, "tools.ts"), { name: `it's "quoted"` });
    expect(server).toContain(`name: 'it\\'s "quoted"',`);
    expect(await formatWithPrettier(server)).toBe(server);
  });

  it("sends a file with a line past prettier's width through prettier", async () => {
    const server = await serverOf(join(FIXTURES, "server-layout", "tools.ts"));
    expect(fitsPrettierLayout(server)).toBe(true);
    expect(server).toContain(`"first-day": "date",`);
    // The long call was broken by prettier, one argument a line.
    expect(server).toMatch(/entry0\.a_function_with_a_rather_long_name_that_a_human_would_shorten\(\n\s+a\.firstParameterWithALongName,\n/);
  });

  it("writes strings and keys as prettier does", async () => {
    for (const text of ["plain", "it's", 'say "hi"', `both ' and "" `, "back\\slash", "line\nbreak", "\u0001", "é"]) {
      const line = `x = ${stringLiteral(text)};\n`;
      expect(await formatWithPrettier(line)).toBe(line);
    }
    const keys = ["plain", "first-day", "1", "01", "$ok", "with space", 'q"uote'];
    const object = layOut("x = ", Object.fromEntries(keys.map((k) => [k, 1])), ";", "").join("\n") + "\n";
    expect(await formatWithPrettier(object)).toBe(object);
    expect(keys.map(propertyKey)).toEqual(["plain", '"first-day"', "1", '"01"', "$ok", '"with space"', `'q"uote'`]);
  });

  it("writes a value laid out ahead as the value itself, and only where it was laid out for", () => {
    const entry = (i: number) => ({ tool: new Code(`manifest.tools[${i}]`), invoke: new Method("(a)", [`return f${i}(a);`]) });
    const whole = layOut("const d = ", { tools: [entry(0), entry(1)] }, ";", "");
    const ahead = layOut("const d = ", { tools: [new LaidOut("    ", entry(0), ",", "    "), new LaidOut("    ", entry(1), ",", "    ")] }, ";", "");
    expect(ahead).toEqual(whole);
    expect(() => layOut("const d = ", { tools: [new LaidOut("  ", entry(0), ",", "  ")] }, ";", "")).toThrow(/stands somewhere else/);
  });
});
