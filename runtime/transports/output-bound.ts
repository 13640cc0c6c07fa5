// What a client that stops reading can cost: answers it does not read wait
// in memory. Every connection's unsent output is watched (its responses'
// buffered bytes, queued answers of pipelined requests included); a
// connection that holds more than the output bound without draining, or
// has not drained for the write timeout, is closed, and the number of open
// connections is capped. A client that reads is never affected: its buffer
// drains within milliseconds, however large one answer is.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface OutputLimits {
  /** Unsent bytes a connection may hold once it has stopped draining. */
  maxOutputBytes: number;
  /** A connection with unsent output that drains nothing for this long is closed (0: never). */
  writeTimeoutMs: number;
  /** Most connections open at once; more are closed as they arrive. */
  maxConnections: number;
}

/** How long a connection over the output bound may go without draining before it is closed. */
const OVER_BOUND_GRACE_MS = 1000;

interface Watched {
  responses: Set<ServerResponse>;
  /** When its output was last seen fully sent (or the connection opened). */
  drainedAt: number;
}

export class OutputGuard {
  private readonly connections = new Map<Socket, Watched>();
  private readonly sweeper: NodeJS.Timeout;
  /** Connections closed for not reading, for the operator. */
  cut = 0;

  constructor(
    server: Server,
    private readonly limits: OutputLimits,
    private readonly log: (message: string) => void,
  ) {
    if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
    server.on("connection", (socket: Socket) => {
      const watched: Watched = { responses: new Set(), drainedAt: Date.now() };
      this.connections.set(socket, watched);
      socket.on("drain", () => (watched.drainedAt = Date.now()));
      socket.once("close", () => this.connections.delete(socket));
    });
    server.on("request", (req: IncomingMessage, res: ServerResponse) => this.track(req, res));
    server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => this.track(req, res));
    const period = Math.max(20, Math.min(OVER_BOUND_GRACE_MS, limits.writeTimeoutMs > 0 ? limits.writeTimeoutMs / 4 : OVER_BOUND_GRACE_MS) / 4);
    this.sweeper = setInterval(() => this.sweep(), period);
    this.sweeper.unref();
  }

  private track(req: IncomingMessage, res: ServerResponse): void {
    const watched = this.connections.get(req.socket);
    if (watched === undefined) return;
    watched.responses.add(res);
    const forget = (): void => {
      watched.responses.delete(res);
    };
    res.once("finish", forget);
    res.once("close", forget);
  }

  /** Unsent bytes of one connection: what its responses still hold, or what the socket buffers. */
  private backlog(socket: Socket, watched: Watched): number {
    let held = 0;
    for (const res of watched.responses) held += res.writableLength;
    return Math.max(held, socket.writableLength);
  }

  private sweep(now = Date.now()): void {
    let cut = 0;
    for (const [socket, watched] of this.connections) {
      const backlog = this.backlog(socket, watched);
      if (backlog === 0) {
        watched.drainedAt = now;
        continue;
      }
      const stalledMs = now - watched.drainedAt;
      const overBound = backlog > this.limits.maxOutputBytes && stalledMs >= OVER_BOUND_GRACE_MS;
      const timedOut = this.limits.writeTimeoutMs > 0 && stalledMs >= this.limits.writeTimeoutMs;
      if (overBound || timedOut) {
        this.connections.delete(socket);
        socket.destroy();
        cut++;
      }
    }
    if (cut > 0) {
      this.cut += cut;
      this.log(`mcpc: closed ${cut} connection${cut === 1 ? "" : "s"} whose client stopped reading (${this.connections.size} open)`);
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
  }
}
