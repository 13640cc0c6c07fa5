// The boot check: start the emitted server where it will run, speak MCP to it over stdio (raw
// JSON-RPC: the CLI needs no SDK at run time), and compare what it lists with its manifest. A build
// that passes has started, initialized and listed its tools at least once.
import { createDiagnostic, type Diagnostic, type Manifest, Messages } from "../../compiler/index.js";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";

/** The whole check, start-up included, is bounded: a server that hangs is a server that does not boot. */
export const VERIFY_TIMEOUT_MS = 20_000;
/** How much of the server's stderr a diagnostic carries (its end, where the failure is). */
const STDERR_BYTES = 8 * 1024;
/** A server answering with lines longer than this is not answering a list request. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const PROTOCOL_VERSION = "2025-11-25";

interface Listing {
  method: string;
  key: "tools" | "resources" | "resourceTemplates" | "prompts";
  field: string;
  capability: string;
}

const LISTINGS: Listing[] = [
  { method: "tools/list", key: "tools", field: "tools", capability: "tools" },
  { method: "resources/list", key: "resources", field: "resources", capability: "resources" },
  { method: "resources/templates/list", key: "resourceTemplates", field: "resourceTemplates", capability: "resources" },
  { method: "prompts/list", key: "prompts", field: "prompts", capability: "prompts" },
];

/**
 * Starts `node <dir>/server.js` and checks it. `shownDir` names the directory in messages (the
 * output as the user knows it, not a temporary unpacking), `rerun` the command that checks again. Resolves to the problems found (none:
 * it boots and lists what its manifest says).
 */
export async function verifyServer(dir: string, shownDir: string, rerun: string, timeoutMs = VERIFY_TIMEOUT_MS): Promise<Diagnostic[]> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
  } catch (error) {
    return [createDiagnostic(Messages.ServerDidNotBoot, { dir: shownDir, problem: `its manifest.json is unreadable (${(error as Error).message})`, stderr: "", rerun }, undefined)];
  }
  const child = spawn(process.execPath, [join(dir, "server.js")], { cwd: dir, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: undefined } });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_BYTES);
  });
  const pending = new Map<number, { resolve: (message: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    if (failure !== undefined) return;
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  let buffered = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_LINE_BYTES) return fail(new Error("it wrote a line of more than 16 MiB to stdout"));
    let newline: number;
    while ((newline = buffered.indexOf("\n")) !== -1) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line === "") continue;
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return fail(new Error(`it wrote something other than JSON-RPC to stdout: ${line.slice(0, 200)}`));
      }
      const waiter = typeof message.id === "number" ? pending.get(message.id) : undefined;
      if (waiter === undefined || !("result" in message || "error" in message)) continue; // notifications, its own requests
      pending.delete(message.id as number);
      waiter.resolve(message);
    }
  });
  child.once("error", (error) => fail(new Error(`it could not be started (${error.message})`)));
  child.once("exit", (code, signal) => fail(new Error(signal !== null ? `it was killed by ${signal}` : `it exited with status ${code}`)));
  // 'close' comes after the output pipes are drained: all the stderr there will be is read.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  child.stdin.on("error", () => undefined); // a server that dies early closes the pipe; the exit says why
  let nextId = 1;
  const request = (method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });
  };
  const timer = setTimeout(() => fail(new Error(`it did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  const diagnostics: Diagnostic[] = [];
  let bootProblem: string | undefined;
  try {
    const initialized = await request("initialize", { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "mcpc-verify", version: "1" } });
    const capabilities = resultOf(initialized, "initialize").capabilities as Record<string, unknown> | undefined;
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
    for (const listing of LISTINGS) {
      const expected = manifest[listing.key] ?? [];
      if (capabilities?.[listing.capability] === undefined) {
        if (expected.length > 0) diagnostics.push(differs(shownDir, listing.method, `it declares no '${listing.capability}' capability, yet the manifest lists ${expected.length}`));
        continue;
      }
      const items: unknown[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10_000; page++) {
        const result = resultOf(await request(listing.method, cursor === undefined ? {} : { cursor }), listing.method);
        items.push(...((result[listing.field] as unknown[] | undefined) ?? []));
        cursor = typeof result.nextCursor === "string" ? result.nextCursor : undefined;
        if (cursor === undefined) break;
      }
      const detail = difference(items, JSON.parse(JSON.stringify(expected)) as unknown[]);
      if (detail !== undefined) diagnostics.push(differs(shownDir, listing.method, detail));
    }
  } catch (error) {
    bootProblem = (error as Error).message;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      child.kill("SIGTERM");
    }
    const forced = setTimeout(() => child.kill("SIGKILL"), 2_000);
    await closed;
    clearTimeout(forced);
  }
  if (bootProblem !== undefined) {
    diagnostics.unshift(createDiagnostic(Messages.ServerDidNotBoot, { dir: shownDir, problem: bootProblem, stderr: stderr.trimEnd(), rerun }, undefined));
  }
  return diagnostics;
}

function resultOf(message: Record<string, unknown>, method: string): Record<string, unknown> {
  if ("error" in message) {
    const error = message.error as { code?: number; message?: string };
    throw new Error(`it answered ${method} with error ${error.code}: ${error.message}`);
  }
  return (message.result ?? {}) as Record<string, unknown>;
}

/** What differs between the listed items and the manifest's, said briefly; undefined when nothing does. */
function difference(listed: unknown[], expected: unknown[]): string | undefined {
  if (isDeepStrictEqual(listed, expected)) return undefined;
  const nameOf = (item: unknown) => (item as { name?: string }).name ?? "?";
  const names = (list: unknown[]) => list.map(nameOf).join(", ") || "nothing";
  if (names(listed) !== names(expected)) return `it lists ${names(listed)}; the manifest lists ${names(expected)}`;
  const index = listed.findIndex((item, i) => !isDeepStrictEqual(item, expected[i]));
  const got = listed[index] as Record<string, unknown>;
  const want = expected[index] as Record<string, unknown>;
  const key = [...new Set([...Object.keys(want), ...Object.keys(got)])].find((k) => !isDeepStrictEqual(got[k], want[k])) ?? "?";
  const shown = (value: unknown) => (value === undefined ? "absent" : (JSON.stringify(value) ?? "").slice(0, 120));
  return `'${nameOf(got)}' has ${key} ${shown(got[key])}, the manifest ${shown(want[key])}`;
}

function differs(dir: string, method: string, detail: string): Diagnostic {
  return createDiagnostic(Messages.ServerListingDiffers, { dir, method, detail }, undefined);
}
