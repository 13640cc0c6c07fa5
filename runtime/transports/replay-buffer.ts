// The events a session's SSE streams sent, kept so that a client whose
// stream broke can come back with Last-Event-ID and receive what it missed.
// Bounded per session by count and by bytes: the oldest events go first.

export interface ReplayLimits {
  /** Most events kept per session; 0 turns resumability off. */
  maxEvents: number;
  /** Most bytes (of JSON text) kept per session. */
  maxBytes: number;
}

interface BufferedEvent {
  stream: number;
  seq: number;
  line: string;
}

export class ReplayBuffer {
  /** A ring: `events[head..]` are live, older slots are reused. */
  private events: (BufferedEvent | undefined)[] = [];
  private head = 0;
  private count = 0;
  private bytes = 0;

  constructor(private readonly limits: ReplayLimits) {}

  get size(): number {
    return this.count;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Keeps one event; an event larger than the whole byte budget is not kept (it cannot be replayed). */
  record(stream: number, seq: number, line: string): void {
    const size = line.length;
    if (size > this.limits.maxBytes || this.limits.maxEvents === 0) return;
    while (this.count >= this.limits.maxEvents || this.bytes + size > this.limits.maxBytes) this.evictOldest();
    if (this.events.length < this.limits.maxEvents) {
      this.events.push({ stream, seq, line });
    } else {
      this.events[(this.head + this.count) % this.events.length] = { stream, seq, line };
    }
    this.count++;
    this.bytes += size;
  }

  /** The events of `stream` after `seq`, oldest first. */
  after(stream: number, seq: number): { seq: number; line: string }[] {
    const found: { seq: number; line: string }[] = [];
    for (let i = 0; i < this.count; i++) {
      const event = this.events[(this.head + i) % this.events.length]!;
      if (event.stream === stream && event.seq > seq) found.push({ seq: event.seq, line: event.line });
    }
    return found;
  }

  clear(): void {
    this.events = [];
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
  }

  private evictOldest(): void {
    const slot = this.head;
    const event = this.events[slot]!;
    this.events[slot] = undefined;
    this.head = (this.head + 1) % this.events.length;
    this.count--;
    this.bytes -= event.line.length;
  }
}
