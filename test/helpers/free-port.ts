import { createServer } from "node:net";

/**
 * A loopback port free right now, for a server whose address must be known
 * before it starts (a public URL, a token audience, a dev listener).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
