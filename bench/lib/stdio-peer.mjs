// A lean JSON-RPC client over a child's stdio, so that the client is not
// what limits a fast server: requests are pre-serialised strings, everything
// sent in one turn goes out in one write, and answers are matched by id.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

export class StdioPeer {
  /**
   * @param {string[]} argv the command's arguments (for node: script and its arguments)
   * @param {{ cwd?: string, command?: string }} options `command` defaults to this node
   */
  constructor(argv, { cwd, command = process.execPath } = {}) {
    this.spawnedAt = performance.now();
    this.child = spawn(command, argv, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.pid = this.child.pid;
    this.nextId = 1;
    /** @type {Map<number, (message: any, at: number) => void>} */
    this.waiting = new Map();
    this.outbox = "";
    this.flushScheduled = false;
    this.stderr = "";
    this.exited = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => {
        resolve({ code, signal });
        // Whatever is still waiting will never be answered: fail it loudly.
        const error = { error: { code: -1, message: `server exited (${signal ?? code}) before answering` } };
        for (const done of this.waiting.values()) done(error, performance.now());
        this.waiting.clear();
      }),
    );
    this.child.stderr.setEncoding("utf8");
    /** @type {((bytes: number) => void) | undefined} */
    this.heapWaiter = undefined;
    this.child.stderr.on("data", (t) => {
      const probe = /heap-probe (\d+)/.exec(t);
      if (probe && this.heapWaiter) {
        const done = this.heapWaiter;
        this.heapWaiter = undefined;
        done(Number(probe[1]));
        return;
      }
      if (this.stderr.length < 20_000) this.stderr += t;
    });
    this.child.stdin.on("error", () => {});
    let pending = "";
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk) => {
      const at = performance.now();
      const text = pending + chunk;
      let start = 0;
      let newline;
      while ((newline = text.indexOf("\n", start)) !== -1) {
        const line = text.slice(start, newline);
        start = newline + 1;
        if (line.trim() === "") continue;
        let message;
        try {
          message = JSON.parse(line);
        } catch {
          continue; // a server writing logs to stdout: not ours to judge here
        }
        this.receive(message, at);
      }
      pending = text.slice(start);
      this.flush();
    });
  }

  receive(message, at) {
    if (message.method !== undefined) {
      // A request from the server (ping, roots/list): answer it empty.
      if (message.id !== undefined) this.write(`{"jsonrpc":"2.0","id":${JSON.stringify(message.id)},"result":{}}\n`);
      return;
    }
    const done = this.waiting.get(message.id);
    if (done === undefined) return;
    this.waiting.delete(message.id);
    done(message, at);
  }

  write(line) {
    this.outbox += line;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  flush() {
    this.flushScheduled = false;
    if (this.outbox === "") return;
    const out = this.outbox;
    this.outbox = "";
    this.child.stdin.write(out);
  }

  /** Sends a request whose params are already JSON; resolves with the message and its arrival time. */
  request(method, paramsJson = "{}") {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, (message, at) => resolve({ message, at }));
      this.write(`{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${paramsJson}}\n`);
    });
  }

  notify(method) {
    this.write(`{"jsonrpc":"2.0","method":"${method}"}\n`);
  }

  /**
   * Sends `count` requests keeping `inFlight` outstanding; resolves with
   * the wall time taken and how many answers were errors or isError results.
   */
  pipeline(method, paramsJson, count, inFlight) {
    return new Promise((resolve) => {
      const started = performance.now();
      let sent = 0;
      let answered = 0;
      let failures = 0;
      const onAnswer = (message) => {
        answered++;
        if (message.error !== undefined || message.result?.isError === true) failures++;
        if (sent < count) send();
        else if (answered === count) resolve({ ms: performance.now() - started, failures });
      };
      const send = () => {
        const id = this.nextId++;
        sent++;
        this.waiting.set(id, onAnswer);
        this.outbox += `{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${paramsJson}}\n`;
      };
      while (sent < Math.min(inFlight, count)) send();
      this.flush();
    });
  }

  /** Live heap after a forced full GC, in bytes (the server must run with bench/lib/heap-probe.cjs). */
  heapAfterGc() {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.heapWaiter = undefined;
        resolve(NaN);
      }, 5000);
      this.heapWaiter = (bytes) => {
        clearTimeout(timer);
        resolve(bytes);
      };
      this.child.kill("SIGUSR2");
    });
  }

  async close() {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 3000);
    await this.exited;
    clearTimeout(timer);
  }
}
