// A client that stops reading: the server must not queue answers without end
// (it stops reading requests while stdout is full), and once the client reads
// again every request is answered exactly once.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSample, sampleDir } from "../helpers/samples.js";
import { OUT } from "../helpers/paths.js";

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("backpressure from a client that stops reading", () => {
  it("keeps the server's memory bounded, then answers all 20,000 requests once", { timeout: 120_000 }, async () => {
    const { serverPath } = await buildSample(sampleDir("servers", "faults"), join(OUT, "slow-reader"));
    const child = spawn(process.execPath, [serverPath], { stdio: ["pipe", "pipe", "ignore"] });
    try {
      const seen = new Map<number, number>();
      let partial = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop()!;
        for (const line of lines) {
          const id = Number(/^\{"jsonrpc":"2.0","id":(\d+)/.exec(line)?.[1]);
          seen.set(id, (seen.get(id) ?? 0) + 1);
        }
      });
      child.stdout.pause();
      await sleep(1_000); // started and settled
      const before = rssMb(child.pid!);
      // 20,000 calls answering 5 KB each: 100 MB of answers nobody reads yet.
      const calls = 20_000;
      let batch = "";
      for (let id = 0; id < calls; id++) {
        batch += `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"returns_huge","arguments":{"megabytes":0.005}}}\n`;
      }
      child.stdin.write(batch);
      await sleep(2_000);
      const stalled = rssMb(child.pid!);
      expect(stalled - before, `RSS grew from ${before.toFixed(0)} to ${stalled.toFixed(0)} MB`).toBeLessThan(50);
      expect(child.exitCode).toBeNull();

      child.stdout.resume();
      const deadline = Date.now() + 60_000;
      while (seen.size < calls && Date.now() < deadline) await sleep(50);
      expect(seen.size).toBe(calls);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    } finally {
      child.kill();
    }
  });

  it("exits 0 soon after a client goes away while the pipe is full", { timeout: 60_000 }, async () => {
    const { serverPath } = await buildSample(sampleDir("servers", "faults"), join(OUT, "slow-reader-gone"));
    const child = spawn(process.execPath, [serverPath], { stdio: ["pipe", "pipe", "ignore"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.stdin.on("error", () => {});
    child.stdout.pause();
    let batch = "";
    for (let id = 0; id < 5_000; id++) {
      batch += `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"returns_huge","arguments":{"megabytes":0.01}}}\n`;
    }
    child.stdin.write(batch);
    await sleep(1_500);
    const gone = Date.now();
    child.stdout.destroy();
    child.stdin.destroy();
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    // It used to exit 13 (a top-level await left unsettled): idle() waited for a drain that never comes.
    expect(await exited).toBe(0);
    clearTimeout(timer);
    expect(Date.now() - gone).toBeLessThan(15_000);
  });
});
