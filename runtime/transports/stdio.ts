import { ErrorCode, errorLine } from "../protocol/jsonrpc.js";
import type { ServerCore } from "../protocol/core.js";
import { Session } from "../protocol/session.js";
import { LineWriter } from "./line-writer.js";

export interface StdioOptions {
  /** Largest message accepted, in bytes; a longer line is answered with an error and skipped. */
  maxMessageBytes: number;
  /** How long calls in flight may run on after stdin closes. */
  shutdownGraceMs: number;
}

export const DEFAULT_STDIO_OPTIONS: StdioOptions = {
  maxMessageBytes: 16 * 1024 * 1024,
  shutdownGraceMs: 10_000,
};

const NEWLINE = 0x0a;
/** Unsent output (characters) past which stdin is paused. */
const OUTPUT_HIGH_WATER = 4 * 1024 * 1024;

/**
 * Serves one session over newline-delimited JSON-RPC on stdin/stdout.
 * Resolves when stdin ends and the calls in flight are done (or the grace
 * period passes).
 */
export function serveStdio(core: ServerCore, options: StdioOptions = DEFAULT_STDIO_OPTIONS, stop?: AbortSignal): Promise<void> {
  const stdout = process.stdout;
  // The protocol owns stdout: keep its real write for ourselves and send
  // anything else written there (console.log in a tool) to stderr.
  const protocolWrite = stdout.write.bind(stdout) as (chunk: string, cb: (error?: Error | null) => void) => boolean;
  stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write;

  const stdin = process.stdin;
  // A client that stops reading must not make us queue answers without end:
  // past OUTPUT_HIGH_WATER of unsent output, stop reading requests until
  // stdout drains (so at most one read's worth of answers more is queued).
  let readingPaused = false;
  const pauseReading = (pause: boolean): void => {
    if (pause === readingPaused) return;
    readingPaused = pause;
    if (pause) stdin.pause();
    else stdin.resume();
  };
  const writer = new LineWriter(protocolWrite, stdout, (blocked) => pauseReading(blocked && writer.backlog > OUTPUT_HIGH_WATER));
  const session = new Session(core, writer.send, undefined, writer.sendApart);

  let pending: Buffer | null = null;
  // Set while skipping the rest of a line that grew past the limit.
  let discarding = false;

  const handleLine = (buffer: Buffer, start: number, end: number): void => {
    if (end > start && buffer[end - 1] === 0x0d) end--; // tolerate CRLF
    if (end <= start) return;
    try {
      session.handleText(buffer.toString("utf8", start, end));
    } catch (error) {
      // One message's failure must not drop the other lines of this read.
      process.stderr.write(`mcpc: failed to handle a message: ${(error as Error)?.message ?? String(error)}\n`);
    }
  };

  const tooLarge = (): void => {
    writer.send(errorLine(null, ErrorCode.InvalidRequest, `Message too large: the limit is ${options.maxMessageBytes} bytes`));
  };

  stdin.on("data", (chunk: Buffer) => {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE);
    if (newline === -1) {
      if (discarding) return;
      pending = pending === null ? chunk : Buffer.concat([pending, chunk]);
      if (pending.length > options.maxMessageBytes) {
        pending = null;
        discarding = true;
        tooLarge();
      }
      return;
    }
    // The first line completes whatever was left from earlier chunks.
    if (discarding) {
      discarding = false;
    } else if (pending !== null) {
      const line = Buffer.concat([pending, chunk.subarray(0, newline)]);
      pending = null;
      if (line.length > options.maxMessageBytes) tooLarge();
      else handleLine(line, 0, line.length);
    } else {
      handleLine(chunk, 0, newline);
    }
    start = newline + 1;
    while ((newline = chunk.indexOf(NEWLINE, start)) !== -1) {
      if (newline - start > options.maxMessageBytes) tooLarge();
      else handleLine(chunk, start, newline);
      start = newline + 1;
    }
    if (start < chunk.length) {
      pending = chunk.subarray(start);
      if (pending.length > options.maxMessageBytes) {
        pending = null;
        discarding = true;
        tooLarge();
      }
    }
    // libuv hands over many reads in one turn, before any answer is flushed:
    // check here too, so the pause takes effect after this read, not after all of them.
    if (writer.backlog > OUTPUT_HIGH_WATER) pauseReading(true);
  });

  return new Promise((resolve) => {
    let ending = false;
    const end = (): void => {
      if (ending) return;
      ending = true;
      const deadline = Date.now() + options.shutdownGraceMs;
      const waitForCalls = (): void => {
        if (session.inFlightCount > 0 && Date.now() < deadline) {
          setTimeout(waitForCalls, 20);
          return;
        }
        session.close();
        writer.flush();
        void writer.idle().then(resolve);
      };
      waitForCalls();
    };
    stdin.on("end", end);
    // SIGTERM/SIGINT: take no new requests, let the calls in flight answer
    // (up to the grace period), then end as if stdin had closed.
    stop?.addEventListener(
      "abort",
      () => {
        stdin.removeAllListeners("data");
        stdin.pause();
        end();
      },
      { once: true },
    );
  });
}
