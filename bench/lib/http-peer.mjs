// A lean Streamable HTTP client: one JSON-RPC message per POST over
// keep-alive connections, answers read as JSON or from an SSE stream.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export class HttpPeer {
  constructor(url, inFlight = 64) {
    this.url = new URL(url);
    this.agent = new Agent({ keepAlive: true, maxSockets: inFlight });
    this.sessionId = undefined;
    this.nextId = 1;
  }

  /** POSTs one message; resolves with { status, message, at }. */
  post(body) {
    return new Promise((resolve, reject) => {
      const headers = {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2025-11-25",
        "content-length": Buffer.byteLength(body),
      };
      if (this.sessionId !== undefined) headers["mcp-session-id"] = this.sessionId;
      const req = request(
        { host: this.url.hostname, port: this.url.port, path: this.url.pathname, method: "POST", agent: this.agent, headers },
        (res) => {
          const sid = res.headers["mcp-session-id"];
          if (typeof sid === "string") this.sessionId = sid;
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode, message: parseAnswer(text, res.headers["content-type"]), at: performance.now() }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  request(method, paramsJson = "{}") {
    return this.post(`{"jsonrpc":"2.0","id":${this.nextId++},"method":"${method}","params":${paramsJson}}`);
  }

  notify(method) {
    return this.post(`{"jsonrpc":"2.0","method":"${method}"}`);
  }

  /** `count` requests, `inFlight` outstanding; wall time and failures. */
  async pipeline(method, paramsJson, count, inFlight) {
    const started = performance.now();
    let sent = 0;
    let failures = 0;
    const worker = async () => {
      while (sent < count) {
        sent++;
        const { status, message } = await this.request(method, paramsJson);
        if (status !== 200 || message === undefined || message.error !== undefined || message.result?.isError === true) failures++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
    return { ms: performance.now() - started, failures };
  }

  close() {
    this.agent.destroy();
  }
}

export function parseAnswer(text, contentType = "") {
  try {
    if (!contentType.includes("text/event-stream")) return text === "" ? undefined : JSON.parse(text);
    for (const line of text.split("\n")) {
      if (!line.startsWith("data:") || line.slice(5).trim() === "") continue; // priming events carry no data
      const message = JSON.parse(line.slice(5));
      if (message.id !== undefined) return message;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
