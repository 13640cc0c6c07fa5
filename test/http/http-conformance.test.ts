// The official conformance suite (@modelcontextprotocol/conformance 0.1.16,
// --suite all), as it ships, against the server mcpc compiles from
// fixtures/conformance/, served over HTTP on 127.0.0.1 by scripts/conformance.js.
// The reference server scores 44 passed, 0 failed; so must we, with no
// expected-failures list. (The suite passes tools-call-simple-text and
// tools-call-error even when those tools are missing, so
// conformance-fixture.e2e.test.ts checks them through the SDK client.)
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";

const run = promisify(execFile);

interface ConformanceReport {
  passed: number;
  failed: number;
  failures: Array<{ scenario: string; check: string; message: string }>;
  passedChecks: string[];
}

describe("MCP conformance suite over HTTP", () => {
  it("passes all 44 checks of --suite all with none failed", async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, "scripts", "conformance.js"), "--json"], { cwd: ROOT, timeout: 180_000 });
    const report = JSON.parse(stdout) as ConformanceReport;
    process.stderr.write(`conformance: ${report.passed} passed, ${report.failed} failed\n`);
    for (const f of report.failures) process.stderr.write(`  FAIL ${f.scenario}/${f.check}: ${f.message}\n`);
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(44);
    expect(report.passedChecks).toEqual(
      expect.arrayContaining([
        "server-json-schema-2020-12/json-schema-2020-12-$defs",
        "server-tools-call-with-progress/tools-call-with-progress",
        "server-dns-rebinding-protection/localhost-host-rebinding-rejected",
      ]),
    );
  }, 240_000);
});
