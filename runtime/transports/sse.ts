// The two ways a Streamable HTTP response carries JSON-RPC messages: a plain
// JSON body, or a Server-Sent Events stream. A POST starts undecided and
// answers with JSON when only its responses come back; the first
// notification or server request for it switches it to SSE.
import type { ServerResponse } from "node:http";
import { ErrorCode, errorLine, idJson, type RequestId } from "../protocol/jsonrpc.js";

/** An SSE stream that sends comment lines while idle so proxies and clients keep it open. */
export class SseStream {
  private readonly keepAlive: NodeJS.Timeout | undefined;
  ended = false;

  constructor(
    private readonly res: ServerResponse,
    keepAliveMs: number,
    headers: Record<string, string>,
    primingEventId?: string,
  ) {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // nginx buffers responses unless told not to.
      "x-accel-buffering": "no",
      ...headers,
    });
    res.flushHeaders();
    // Spec 2025-11-25: an event id with empty data first, so a client whose
    // stream breaks before the first message can come back with
    // Last-Event-ID. Typed `priming` rather than the default `message`:
    // clients take the id of any event, but @ai-sdk/mcp (which claims
    // 2025-11-25) parses every `message` event as JSON and reports the empty
    // data as an error, while it skips other types.
    if (primingEventId !== undefined) res.write(`id: ${primingEventId}\nevent: priming\ndata:\n\n`);
    if (keepAliveMs > 0) {
      this.keepAlive = setInterval(() => res.write(": keep-alive\n\n"), keepAliveMs);
      this.keepAlive.unref();
    }
    res.on("close", () => this.stop());
  }

  /** Sends one JSON-RPC line (with its trailing newline) as a `message` event, with an event id when the stream is resumable. */
  send(line: string, eventId?: string): void {
    if (this.ended) return;
    const idField = eventId === undefined ? "" : `id: ${eventId}\n`;
    this.res.write(`${idField}event: message\ndata: ${line.endsWith("\n") ? line.slice(0, -1) : line}\n\n`);
  }

  /** Runs when the response closes (ended by us or cut by the client). */
  onClose(listener: () => void): void {
    if (this.res.closed) listener();
    else this.res.once("close", listener);
  }

  end(): void {
    if (this.ended) return;
    this.stop();
    this.res.end();
  }

  private stop(): void {
    this.ended = true;
    if (this.keepAlive !== undefined) clearInterval(this.keepAlive);
  }
}

/** The logical stream a POST's SSE answer is carried on (a AnswerStream). */
export interface AnswerStream {
  /** Its events are kept: the stream outlives a cut response. */
  readonly resumable: boolean;
  open(res: ServerResponse, headers: Record<string, string>, prime: boolean): void;
  send(line: string): void;
  end(): void;
  /** No answer will come on it (cancelled). */
  abandon(): void;
}

/** Serialised JSON-RPC lines start this way (see protocol/jsonrpc.ts). */
function responsePrefix(id: RequestId): string {
  return `{"jsonrpc":"2.0","id":${idJson(id)},"`;
}

/** True when `line` is the response (result or error) to request `id`. */
function isResponseTo(line: string, id: RequestId): boolean {
  const prefix = responsePrefix(id);
  return line.startsWith(prefix) && (line.startsWith("result", prefix.length) || line.startsWith("error", prefix.length));
}

/**
 * The answer to one POST that carried requests: collects the responses to
 * those requests, and streams whatever else the server sends about them.
 */
export class PostExchange {
  private readonly pending: Set<RequestId>;
  private readonly responses: string[] = [];
  private stream: AnswerStream | undefined;
  private finished = false;

  constructor(
    private readonly res: ServerResponse,
    /** Every request id the POST carried, answered or not. */
    readonly requestIds: readonly RequestId[],
    private readonly batch: boolean,
    /** Makes the logical stream an SSE answer is carried on. */
    private readonly newStream: () => AnswerStream,
    private readonly headers: Record<string, string>,
    private readonly onDone: (exchange: PostExchange) => void,
    /** Send a priming event on SSE answers: only where the client can resume. */
    private readonly primeStreams = false,
  ) {
    this.pending = new Set(requestIds);
    res.on("close", () => {
      // The client went away. A resumable stream goes on collecting (the
      // client comes back with Last-Event-ID); otherwise nothing more can be
      // delivered here.
      if (this.finished || this.stream?.resumable === true) return;
      this.finish(false);
    });
  }

  get open(): boolean {
    return !this.finished;
  }

  /**
   * Most characters of responses one POST is answered with; a response that
   * would pass it is replaced by an error for its id. A batch of 100 large
   * answers would otherwise be joined past V8's longest string.
   */
  maxAnswerChars = Number.POSITIVE_INFINITY;
  private answerChars = 0;

  /** Routes one outgoing line that concerns request `id` of this exchange. */
  send(line: string, id: RequestId): void {
    if (this.finished) return;
    if (this.pending.has(id) && isResponseTo(line, id)) {
      this.pending.delete(id);
      if (this.answerChars + line.length > this.maxAnswerChars) {
        line = errorLine(id, ErrorCode.InternalError, `The answer to this request would take the POST's answers past ${this.maxAnswerChars} characters: send fewer requests in one batch`);
      }
      this.answerChars += line.length;
      if (this.stream !== undefined) this.stream.send(line);
      else this.responses.push(line);
      if (this.pending.size === 0) this.complete();
      return;
    }
    this.toStream().send(line);
  }

  /** The request will never be answered (it was cancelled): stop waiting for it. */
  abandon(id: RequestId): void {
    if (!this.pending.delete(id) || this.pending.size > 0 || this.finished) return;
    if (this.stream?.resumable === true) {
      // Responses already collected still go out; then the stream idles open (ResumableStream.abandon).
      for (const line of this.responses) this.stream.send(line);
      this.responses.length = 0;
      this.stream.abandon();
      this.finish(true);
      return;
    }
    this.complete();
  }

  /** Ends the response now, whatever is still pending (session closed, shutdown). */
  close(): void {
    if (this.finished) return;
    if (this.stream === undefined && this.responses.length === 0) {
      this.toStream();
    }
    this.complete();
  }

  private toStream(prime = this.primeStreams): AnswerStream {
    if (this.stream === undefined) {
      this.stream = this.newStream();
      this.stream.open(this.res, this.headers, prime);
      for (const line of this.responses) this.stream.send(line);
      this.responses.length = 0;
    }
    return this.stream;
  }

  private complete(): void {
    if (this.stream !== undefined) {
      this.stream.end();
    } else if (this.responses.length === 0) {
      // Every request was abandoned and nothing was sent: an empty stream,
      // unprimed, so the client has nothing to resume.
      this.toStream(false).end();
    } else {
      const body = this.batch ? `[${this.responses.map(trimNewline).join(",")}]` : trimNewline(this.responses[0]!);
      this.res.writeHead(200, { "content-type": "application/json", ...this.headers });
      this.res.end(body);
    }
    this.finish(true);
  }

  /** The client went away before every request was answered. */
  get lostClient(): boolean {
    return this.finished && !this.delivered;
  }

  /** The requests not answered (when the exchange ended early). */
  get unanswered(): RequestId[] {
    return [...this.pending];
  }

  /** The client was given an event id, so it can come back for the rest with Last-Event-ID. */
  get resumable(): boolean {
    return this.stream?.resumable === true;
  }

  private delivered = false;

  private finish(delivered: boolean): void {
    if (this.finished) return;
    this.finished = true;
    this.delivered = delivered;
    this.onDone(this);
  }
}

function trimNewline(line: string): string {
  return line.endsWith("\n") ? line.slice(0, -1) : line;
}
