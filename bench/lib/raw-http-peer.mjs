// A leaner Streamable HTTP client than node:http's Agent, so that the client
// is not what limits a fast server: `inFlight` raw keep-alive sockets, one
// request outstanding on each, requests written as one pre-built string and
// responses parsed just enough (status, mcp-session-id, content-type, a
// content-length or chunked body).
import { connect } from "node:net";
import { performance } from "node:perf_hooks";

const HEADER_END = "\r\n\r\n";

class Connection {
  constructor(host, port) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.setEncoding("latin1");
    this.buffer = "";
    this.waiting = undefined;
    this.socket.on("data", (chunk) => {
      this.buffer += chunk;
      this.tryParse();
    });
    this.socket.on("error", (error) => this.waiting?.reject(error));
    this.socket.on("close", () => this.waiting?.reject(new Error("connection closed")));
  }

  send(text) {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(text, "latin1");
    });
  }

  tryParse() {
    if (this.waiting === undefined) return;
    const end = this.buffer.indexOf(HEADER_END);
    if (end === -1) return;
    const head = this.buffer.slice(0, end);
    const lines = head.split("\r\n");
    const status = Number(lines[0].split(" ")[1]);
    const headers = {};
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(":");
      headers[lines[i].slice(0, colon).toLowerCase()] = lines[i].slice(colon + 1).trim();
    }
    let body;
    let consumed;
    const start = end + HEADER_END.length;
    if (headers["transfer-encoding"]?.includes("chunked")) {
      let at = start;
      const parts = [];
      for (;;) {
        const lineEnd = this.buffer.indexOf("\r\n", at);
        if (lineEnd === -1) return;
        const size = parseInt(this.buffer.slice(at, lineEnd), 16);
        if (this.buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          consumed = lineEnd + 4;
          break;
        }
        parts.push(this.buffer.slice(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = parts.join("");
    } else {
      const length = Number(headers["content-length"] ?? 0);
      if (this.buffer.length < start + length) return;
      body = this.buffer.slice(start, start + length);
      consumed = start + length;
    }
    this.buffer = this.buffer.slice(consumed);
    const { resolve } = this.waiting;
    this.waiting = undefined;
    resolve({ status, headers, body: Buffer.from(body, "latin1").toString("utf8") });
  }
}

export class RawHttpPeer {
  /** `headers`: extra header lines sent with every request, e.g. { authorization: "Bearer …" }. */
  constructor(url, inFlight = 64, headers = {}) {
    this.url = new URL(url);
    this.extraHeaders = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
    this.inFlight = inFlight;
    this.idle = [];
    this.all = [];
    this.sessionId = undefined;
    this.nextId = 1;
  }

  connection() {
    const c = this.idle.pop();
    if (c !== undefined) return c;
    const fresh = new Connection(this.url.hostname, Number(this.url.port));
    this.all.push(fresh);
    return fresh;
  }

  /** POSTs one message; resolves with { status, message, at }. */
  async post(body) {
    const session = this.sessionId === undefined ? "" : `mcp-session-id: ${this.sessionId}\r\n`;
    const text =
      `POST ${this.url.pathname} HTTP/1.1\r\nhost: ${this.url.host}\r\ncontent-type: application/json\r\n` +
      `accept: application/json, text/event-stream\r\nmcp-protocol-version: 2025-11-25\r\n${session}${this.extraHeaders}` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const c = this.connection();
    const { status, headers, body: answer } = await c.send(text);
    if (headers.connection === "close") c.socket.destroy();
    else this.idle.push(c);
    if (typeof headers["mcp-session-id"] === "string") this.sessionId = headers["mcp-session-id"];
    return { status, message: parseAnswer(answer, headers["content-type"]), at: performance.now() };
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
    for (const c of this.all) c.socket.destroy();
  }
}

/** The JSON-RPC message with an id in a JSON body or an SSE stream (priming events carry no data). */
function parseAnswer(text, contentType = "") {
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
