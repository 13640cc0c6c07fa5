// The one options table: parsing, the environment, --help and the docs are made from it.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION_OPTIONS } from "../../runtime/protocol/session-options.js";
import { SERVER_OPTIONS, readServerOptions, usage, type OptionSpec } from "../../runtime/server-options.js";
import { DEFAULT_HTTP_OPTIONS } from "../../runtime/transports/http.js";
import { DEFAULT_STDIO_OPTIONS } from "../../runtime/transports/stdio.js";
import { ROOT } from "../helpers/paths.js";

/** A value of the option's type as an operator writes it, and what it parses to. */
const SAMPLES: Record<OptionSpec["type"], [string, unknown]> = {
  switch: ["1", true],
  count: ["1234", 1234],
  port: ["8081", 8081],
  text: ["example.test", "example.test"],
  list: ["a.test, b.test", ["a.test", "b.test"]],
  rate: ["5/minute", { count: 5, periodMs: 60_000, text: "5/minute" }],
  "tool-rates": ["search=2/s", new Map([["search", { count: 2, periodMs: 1000, text: "2/s" }]])],
  "trust-proxy": ["2", { kind: "hops", hops: 2, text: "2" }],
};

function landed(options: ReturnType<typeof readServerOptions>, option: OptionSpec): unknown {
  return option.scope === "http" ? options.httpOptions?.[option.key] : options[option.key];
}

describe("the server options table", () => {
  it("reads every option from its flag and from its environment variable", () => {
    for (const option of SERVER_OPTIONS) {
      const [text, value] = SAMPLES[option.type];
      if (option.flag !== undefined) {
        const argv = option.type === "switch" ? [option.flag] : [option.flag, text];
        expect(landed(readServerOptions(argv, {}), option), option.flag).toEqual(option.switchValue ?? value);
      }
      if (option.env !== undefined) expect(landed(readServerOptions([], { [option.env]: text }), option), option.env).toEqual(value);
    }
  });

  it("spells each flag and variable once", () => {
    const flags = SERVER_OPTIONS.flatMap((o) => (o.flag ? [o.flag] : []));
    const envs = SERVER_OPTIONS.flatMap((o) => (o.env ? [o.env] : []));
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(envs).size).toBe(envs.length);
  });

  it("states the defaults the runtime applies", () => {
    const runtimeDefaults: Record<string, unknown> = { ...DEFAULT_SESSION_OPTIONS, ...DEFAULT_STDIO_OPTIONS };
    for (const option of SERVER_OPTIONS) {
      if (option.default === undefined) continue;
      const actual = option.scope === "http" ? DEFAULT_HTTP_OPTIONS[option.key] : runtimeDefaults[option.key];
      expect(actual, option.flag ?? option.env).toBe(option.default);
    }
  });

  it("lists every flag and variable in --help", () => {
    const help = usage();
    for (const option of SERVER_OPTIONS) {
      if (option.flag !== undefined) expect(help).toContain(`  ${option.flag}`);
      if (option.env !== undefined) expect(help).toContain(`  ${option.env}`);
    }
    expect(help).toMatch(/--port <n> +port to listen on \(default 3000; 0: any free port\)/);
  });

  it("treats an empty variable as unset, and an empty switch as off", () => {
    expect(readServerOptions([], { MCPC_TIMEOUT_MS: "" }).defaultTimeoutMs).toBeUndefined();
    expect(readServerOptions([], { MCPC_HTTP: "" }).http).toBe(false);
    expect(() => readServerOptions([], { MCPC_PORT: "x" })).toThrow("MCPC_PORT must be a whole number, got 'x'");
    expect(() => readServerOptions(["--bogus"], {})).toThrow("Unknown option: --bogus");
    expect(() => readServerOptions([], { MCPC_PAGE_SIZE: "0" })).toThrow("MCPC_PAGE_SIZE must be at least 1, got '0'");
  });
});

describe("the generated options tables in the docs", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "scripts", "options-doc.js"), ...args], { encoding: "utf8" });

  it("are up to date with the table", () => {
    const result = run("--check");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fail the check when edited by hand, and are rewritten from the table", () => {
    const root = mkdtempSync(join(tmpdir(), "mcpc-options-doc-"));
    mkdirSync(join(root, "docs"));
    cpSync(join(ROOT, "README.md"), join(root, "README.md"));
    const http = join(root, "docs", "http.md");
    const original = readFileSync(join(ROOT, "docs", "http.md"), "utf8");
    writeFileSync(http, original.replace("| `MCPC_PORT` | 3000 (0: any free port) |", "| `MCPC_PORT` | 3001 |"));
    try {
      const stale = run("--check", "--root", root);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain("docs/http.md: the options table is out of date");
      expect(run("--root", root).status).toBe(0);
      expect(readFileSync(http, "utf8")).toBe(original);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
