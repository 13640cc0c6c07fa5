// Issue 16 over stdio: a stopping server lets its calls finish.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "../helpers/build-fixture.js";
import { FIXTURES } from "../helpers/paths.js";
import { RawServer } from "../helpers/raw-stdio.js";

let serverPath: string;

beforeAll(async () => {
  serverPath = (await buildFixture(join(FIXTURES, "hostile-http", "tools.ts"), "stdio-hostile")).serverPath;
});

describe("stdio shutdown", () => {
  it("on SIGTERM answers the calls in flight, then exits 0", async () => {
    const server = RawServer.start(serverPath);
    await server.initialize();
    server.send({ jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "sleep", arguments: { ms: 700 } } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.child.kill("SIGTERM");
    const answer = await server.waitFor(() => server.responsesTo(5)[0], 5000, "the sleeping call's answer");
    expect(JSON.stringify(answer)).toContain("slept 700 ms");
    await server.waitFor(() => server.exit, 5000, "the exit");
    expect(server.exit).toEqual({ code: 0, signal: null });
  });
});
