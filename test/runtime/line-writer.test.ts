// The answer after a call's progress goes in a write of its own, at least
// ANSWER_APART_MS after the last line written before it (so an SDK client
// reading stdio does not get both in one chunk and drop the progress), and
// no later than that: a call whose progress ended long ago is answered at once.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ANSWER_APART_MS, LineWriter } from "../../runtime/transports/line-writer.js";

function recordingWriter(): { writer: LineWriter; writes: Array<{ at: number; chunk: string }> } {
  const stream = new PassThrough();
  stream.resume();
  const writes: Array<{ at: number; chunk: string }> = [];
  const writer = new LineWriter(
    (chunk, callback) => {
      writes.push({ at: performance.now(), chunk });
      return stream.write(chunk, callback);
    },
    stream,
  );
  return { writer, writes };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("LineWriter.sendApart", () => {
  it("writes the answer apart from the progress just before it, ANSWER_APART_MS later", async () => {
    const { writer, writes } = recordingWriter();
    writer.send("progress\n");
    writer.sendApart("answer\n");
    await sleep(ANSWER_APART_MS * 3);
    expect(writes.map((w) => w.chunk)).toEqual(["progress\n", "answer\n"]);
    // Timers fire no earlier than asked (a millisecond of clock rounding aside).
    expect(writes[1]!.at - writes[0]!.at).toBeGreaterThanOrEqual(ANSWER_APART_MS - 1);
  });

  it("answers at once when the last write is already ANSWER_APART_MS old", async () => {
    const { writer, writes } = recordingWriter();
    writer.send("progress\n");
    await sleep(ANSWER_APART_MS * 2);
    // Had the full gap been added, this timer (set at the same moment, for the same delay) would fire first.
    let gapElapsed = false;
    setTimeout(() => (gapElapsed = true), ANSWER_APART_MS);
    writer.sendApart("answer\n");
    await new Promise<void>((resolve) => {
      const check = (): void => (writes.length === 2 ? resolve() : void setTimeout(check, 1));
      check();
    });
    expect(gapElapsed).toBe(false);
    expect(writes.map((w) => w.chunk)).toEqual(["progress\n", "answer\n"]);
  });
});
