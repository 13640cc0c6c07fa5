// A bare JSON-RPC line client for an emitted server: writes whatever bytes a
// test wants (garbage included) and records every line the server sends, so
// tests can check what was answered, and what was not.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

export type Message = Record<string, unknown>;

export class RawServer {
  /** Every line the server wrote to stdout, parsed; `unparsable` keeps the lines that were not JSON. */
  readonly messages: Message[] = [];
  /** The same lines as written (where parsing would lose something, e.g. ids beyond 2^53). */
  readonly lines: string[] = [];
  readonly unparsable: string[] = [];
  stderr = "";
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private partial = "";
  private waiters: Array<() => void> = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.receive(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      // Keep the tail only: a fuzz run can make the server log a lot.
      this.stderr = (this.stderr + chunk).slice(-200_000);
    });
    child.stdin.on("error", () => {}); // EPIPE after an exit shows up in `exit`
    child.on("exit", (code, signal) => {
      this.exit = { code, signal };
      this.wake();
    });
  }

  static start(serverPath: string, env: Record<string, string> = {}, args: string[] = []): RawServer {
    const child = spawn(process.execPath, [serverPath, ...args], {
      env: { ...(process.env as Record<string, string>), ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    return new RawServer(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Writes raw bytes as they are: no newline is added. */
  write(data: string | Buffer): void {
    this.child.stdin.write(data);
  }

  /** Writes one message as a line. */
  send(message: unknown): void {
    this.write(`${JSON.stringify(message)}\n`);
  }

  /** Messages that are responses (an id and a result or error) carrying this id. */
  responsesTo(id: unknown): Message[] {
    return this.messages.filter((m) => "id" in m && ("result" in m || "error" in m) && Object.is(m.id, id));
  }

  /** Sends a request and resolves with its response (rejects after the timeout). */
  async request(id: string | number, method: string, params?: unknown, timeoutMs = 10_000): Promise<Message> {
    this.send(params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params });
    return this.waitFor(() => this.responsesTo(id)[0], timeoutMs, `a response to ${JSON.stringify(id)} (${method})`);
  }

  async initialize(): Promise<void> {
    await this.request("init", "initialize", { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } });
    this.send({ jsonrpc: "2.0", method: "notifications/initialized" });
  }

  /** Resolves with the first truthy value of `check`, re-run whenever output arrives. */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== test);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; stderr tail:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const test = (): void => {
        const value = check();
        if (value) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== test);
          resolve(value);
        } else if (this.exit !== undefined) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== test);
          reject(new Error(`The server exited (${JSON.stringify(this.exit)}) while waiting for ${what}; stderr tail:\n${this.stderr.slice(-2000)}`));
        }
      };
      this.waiters.push(test);
      test();
    });
  }

  /** Closes stdin and waits for the process to end (killing it after the timeout). */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.exit !== undefined) return;
    this.child.stdin.end();
    const ended = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    await ended;
    clearTimeout(timer);
  }

  private receive(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split("\n");
    this.partial = lines.pop()!;
    for (const line of lines) {
      if (line === "") continue;
      this.lines.push(line);
      try {
        this.messages.push(JSON.parse(line) as Message);
      } catch {
        this.unparsable.push(line);
      }
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
