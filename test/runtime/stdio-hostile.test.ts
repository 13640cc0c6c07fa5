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

describe("request ids JSON.parse cannot hold", () => {
  it("echoes an integer id beyond 2^53 with the digits that were sent, and refuses a message of too many values", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [serverPath], { stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, MCPC_MAX_MESSAGE_VALUES: "1000" } });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    const lines = [
      '{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}',
      // The id after a member that holds another "id", and a negative one far beyond 2^64.
      '{"jsonrpc":"2.0","method":"ping","params":{"id":1,"_meta":{"id":2}},"id":-123456789012345678901234567890}',
      '{"jsonrpc":"2.0","id":42,"method":"ping"}',
      `{"jsonrpc":"2.0","id":43,"method":"ping","params":{"x":[${"0,".repeat(1000)}0]}}`,
      // A response of the client's as large: refused with no id, since one would fail the client's own call of that id.
      `{"jsonrpc":"2.0","id":7,"result":{"x":[${"0,".repeat(1000)}0]}}`,
      '{"jsonrpc":"2.0","id":44,"method":"ping"}',
      // A call with such an id is cancelled by a notification naming it (its copy of the id rounded by JSON.parse).
      '{"jsonrpc":"2.0","id":9007199254740995,"method":"tools/call","params":{"name":"sleep","arguments":{"ms":60000}}}',
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9007199254740995}}',
      // The tool sees such an id as its digits (ctx.requestId is the protocol's string | number).
      '{"jsonrpc":"2.0","id":9007199254740997,"method":"tools/call","params":{"name":"sleep","arguments":{"ms":1}}}',
    ];
    child.stdin.write(`${lines.join("\n")}\n`);
    const deadline = Date.now() + 10_000;
    while (!(out.includes('"id":44') && out.includes('"id":9007199254740997')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.stdin.write('{"jsonrpc":"2.0","id":45,"method":"tools/call","params":{"name":"cancellation_count","arguments":{}}}\n');
    while (!out.includes('"id":45') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill();
    const answers = out.trim().split("\n");
    const bigIdCall = answers.findIndex((line) => line.includes('"id":9007199254740997'));
    expect(answers.splice(bigIdCall, 1)[0]).toMatch(/^\{"jsonrpc":"2.0","id":9007199254740997,"result":.*slept 1 ms \(request \\"9007199254740997\\"\)/);
    expect(answers).toEqual([
      '{"jsonrpc":"2.0","id":9007199254740993,"result":{}}',
      '{"jsonrpc":"2.0","id":-123456789012345678901234567890,"result":{}}',
      '{"jsonrpc":"2.0","id":42,"result":{}}',
      // The request's id is read without parsing it, so the call gets its error rather than waiting for one.
      expect.stringMatching(/^\{"jsonrpc":"2.0","id":43,"error":\{"code":-32600,"message":"Message too large: it holds more than 1000 JSON values/),
      expect.stringMatching(/^\{"jsonrpc":"2.0","id":null,"error":\{"code":-32600,"message":"Message too large/),
      '{"jsonrpc":"2.0","id":44,"result":{}}',
      expect.stringMatching(/^\{"jsonrpc":"2.0","id":45,"result":.*"text":"1"/),
    ]);
  });
});
