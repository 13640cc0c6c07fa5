// `mcpc list` (table and exact tools/list payload) and `mcpc check --clients` warnings.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_RULES, KNOWN_CLIENTS } from "../../compiler/2-analyze/client-rules.js";
import { runCli, tempProject } from "../helpers/cli.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";
import { connectStdio } from "../helpers/stdio-client.js";

describe("mcpc list", () => {
  it("--json prints exactly what the built server answers to tools/list", async () => {
    const entry = join(FIXTURES, "quickstart", "tools.ts");
    const run = runCli(["list", entry, "--json"], ROOT);
    expect(run.status, run.stderr).toBe(0);
    const out = join(ROOT, ".out", "tmp-list-server");
    expect(runCli(["build", entry, "--out", out], ROOT).status).toBe(0);
    const server = await connectStdio(join(out, "server.js"));
    try {
      const listed = await server.client.listTools();
      expect(JSON.parse(run.stdout)).toEqual(listed);
    } finally {
      await server.close();
    }
  });

  it("prints a readable table of tools and parameters", () => {
    const run = runCli(["list", join(FIXTURES, "quickstart", "tools.ts")], ROOT);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^convert_temperature {2}Convert a temperature/m);
    expect(run.stdout).toMatch(/^ {4}from {3}"celsius" \| "fahrenheit" \| "kelvin" {2}required {2}The scale `value` is on\.$/m);
    expect(run.stdout).toMatch(/^ {4}maxLength {2}integer {2}default 60 {2}The longest slug to return\.$/m);
    expect(run.stdout).toMatch(/^ {4}returns \{ rolls, total \}$/m);
    expect(run.stdout).toContain("6 tool(s).");
  });

  it("lists resources, resource templates and prompts (with their arguments) after the tools", () => {
    const run = runCli(["list", join(FIXTURES, "conformance", "tools.ts")], ROOT);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Resources:\n {4}test:\/\/static-text {2}A static text resource\. {2}\(text\/plain\)$/m);
    expect(run.stdout).toMatch(/^Resource templates:\n {4}test:\/\/template\/\{id\}\/data /m);
    expect(run.stdout).toMatch(/^ {4}test_prompt_with_arguments {2}A prompt with two required arguments\.\n {8}arg1 {2}required {2}First test argument$/m);
  });

  it("shows the OAuth scopes (@scope) each tool, resource, template and prompt needs, and keeps them out of --json", () => {
    const entry = join(FIXTURES, "servers", "scopes", "tools.ts");
    const run = runCli(["list", entry], ROOT);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^saveNote {2}Saves a note\..*\[scope notes:write\]$/m);
    expect(run.stdout).toMatch(/^clearNotes {2}.*\[scopes notes:write notes:delete\]$/m);
    expect(run.stdout).toMatch(/^ping {2}A tool for anyone: no scope needed\.$/m);
    expect(run.stdout).toMatch(/^ {4}notes:\/\/all {2}Every note, as text\. {2}\(text\/plain\) {2}\[scope notes:read\]$/m);
    expect(run.stdout).toMatch(/^ {4}notes:\/\/\{id\} .*\[scope notes:read\]$/m);
    expect(run.stdout).toMatch(/^ {4}summarize {2}.*\[scope notes:read\]$/m);
    const json = runCli(["list", entry, "--json"], ROOT);
    const listed = JSON.parse(json.stdout) as { tools: Record<string, unknown>[] };
    expect(listed.tools.map((t) => t.name)).toEqual(["caller", "saveNote", "clearNotes", "ping", "readThroughTool"]);
    expect(listed.tools.filter((t) => "scopes" in t || "_meta" in t)).toEqual([]);
  });

  it("exits 1 with diagnostics for a broken entry", () => {
    const dir = tempProject("list-broken", { "tools.ts": "/** X. */ export function x(a) { return a; }" });
    const run = runCli(["list", "tools.ts"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("MCPC1001");
  });
});

const RISKY = `/**
 * Sends a message.
 * @param to who gets it
 */
export function send(
  /** @format email */ to: string,
  body: string | null,
  retries: number = 3,
): string {
  return to + body + retries;
}
`;

describe("mcpc check --clients", () => {
  it("warns per client and construct, and still exits 0", () => {
    const dir = tempProject("clients", { "tools.ts": RISKY });
    const run = runCli(["check", "tools.ts", "--clients", "openai,gemini", "--format", "json"], dir);
    expect(run.status, run.stderr).toBe(0);
    const warnings = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(warnings.every((w) => w.code === "MCPC4001" && w.severity === "warning" && w.file === "tools.ts")).toBe(true);
    const messages = warnings.map((w) => w.message as string);
    expect(messages).toContain("Tool 'send': 'format' (OpenAI strict mode) at 'inputSchema#/properties/to' is rejected by openai.");
    expect(messages).toContain("Tool 'send': 'default' (OpenAI strict mode) at 'inputSchema#/properties/retries' is rejected by openai.");
    expect(messages.some((m) => m.includes("is rejected by gemini"))).toBe(true);
    expect(warnings.every((w) => /sources: /.test(w.hint))).toBe(true);
  });

  it("only warns for the clients named", () => {
    const dir = tempProject("clients-one", { "tools.ts": RISKY });
    const run = runCli(["check", "tools.ts", "--clients", "cursor", "--format", "json"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("openai");
    const none = runCli(["check", "tools.ts", "--format", "json"], dir);
    expect(none.stdout).toBe("");
  });

  it("takes the clients from the configuration", () => {
    const dir = tempProject("clients-config", { "tools.ts": RISKY, "mcpc.config.json": JSON.stringify({ entry: "tools.ts", clients: ["openai"] }) });
    const run = runCli(["check"], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("warning MCPC4001: Tool 'send': 'format' (OpenAI strict mode)");
  });

  it("every rule names known clients and at least one source", () => {
    for (const rule of CLIENT_RULES) {
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      for (const client of rule.clients) expect(KNOWN_CLIENTS, rule.id).toContain(client);
    }
  });
});
