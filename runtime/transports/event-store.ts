// Event ids and the interface of an external event store. An SSE event id
// names the stream and the event's place in it (`<stream>.<seq>`, streams
// numbered per session), so a GET with Last-Event-ID says which stream to
// resume and from where. Within one instance the session's ReplayBuffer
// serves resumption; an EventStore shared by several instances lets one
// instance continue a stream that another one is writing.

export interface EventPosition {
  stream: number;
  seq: number;
}

export function formatEventId(stream: number, seq: number): string {
  return `${stream}.${seq}`;
}

/** The position an event id names, or undefined when it is not one of ours. */
export function parseEventId(id: string): EventPosition | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(id);
  if (match === null) return undefined;
  return { stream: Number(match[1]), seq: Number(match[2]) };
}

/** How a followed stream ended. */
export type FollowOutcome = "ended" | "unknown" | "stopped";

/**
 * Where the events of every stream are also written, for other instances.
 * Writes are fire-and-forget in send order (an implementation must keep the
 * order of one stream's events); failures go to the operator's log.
 */
export interface EventStore {
  append(sessionId: string, stream: number, seq: number, line: string): void;
  /** True when the store holds events of this stream (of this session). */
  has(sessionId: string, stream: number): Promise<boolean>;
  /** No event follows `lastSeq` on this stream. */
  end(sessionId: string, stream: number, lastSeq: number): void;
  /**
   * Sends the stream's events after `afterSeq`, then each new one as it is
   * appended, until the stream ends ("ended"), the store knows no such stream
   * ("unknown"), or `signal` aborts ("stopped").
   */
  follow(sessionId: string, stream: number, afterSeq: number, send: (seq: number, line: string) => void, signal: AbortSignal): Promise<FollowOutcome>;
  close(): Promise<void>;
}
