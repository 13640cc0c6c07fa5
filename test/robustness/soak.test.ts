// The short soak: tens of thousands of calls through bench/soak/soak.js (the
// same script as the 1,000,000-call run) with a loose bound, so a gross leak of
// memory or file descriptors fails CI. The long run: `npm run soak`.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";

const run = promisify(execFile);

describe("soak (short)", () => {
  it("answers 40,000 mixed calls exactly once with flat heap, RSS and fds", { timeout: 120_000 }, async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, "bench", "soak", "soak.js"), "--calls", "40000", "--max-rss-growth-mb", "64", "--max-heap-growth-mb", "4", "--max-fd-growth", "4", "--json"],
      { cwd: ROOT },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`soak failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    });
    const report = JSON.parse(stdout.trim().split("\n").pop()!) as { answered: number; failures: string[]; growth: Record<string, number> };
    expect(report.failures).toEqual([]);
    expect(report.answered).toBe(40_000);
    expect(report.growth.fds).toBeLessThanOrEqual(4);
  });
});
