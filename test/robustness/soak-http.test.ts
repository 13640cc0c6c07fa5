// The short HTTP soak: 10,000 calls through bench/soak/soak-http.js (the same
// script as the 200,000-call run), over hundreds of sessions opened, closed
// and abandoned to the idle reaper, with loose bounds so a gross leak of
// memory, file descriptors or sessions fails CI. The long run: `npm run soak:http`.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/paths.js";

const run = promisify(execFile);

describe("HTTP soak (short)", () => {
  it("answers 10,000 calls over sessions opened and closed, with flat heap, RSS, fds and an emptied session table", { timeout: 120_000 }, async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, "bench", "soak", "soak-http.js"), "--calls", "10000", "--max-rss-growth-mb", "64", "--max-heap-growth-mb", "8", "--max-fd-growth", "16", "--json"],
      { cwd: ROOT },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`HTTP soak failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    });
    const report = JSON.parse(stdout.trim().split("\n").pop()!) as { answered: number; failures: string[]; sessionsOpened: number; sessionsAbandoned: number };
    expect(report.failures).toEqual([]);
    expect(report.answered).toBe(10_000);
    expect(report.sessionsOpened).toBeGreaterThanOrEqual(10_000 / 20);
    expect(report.sessionsAbandoned).toBeGreaterThan(0);
  });
});
