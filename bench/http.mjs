// Streamable HTTP: the hook for the HTTP half of the benchmark. The
// contenders are the SDK stateless and stateful, fastmcp, the bare node:http
// floor and mcpc's own `--http`. It runs only once the emitted server can
// serve HTTP (`node server.js --http --port 0`, being built on another
// branch); until then the report says it is pending.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { BENCH, ROOT } from "./build.mjs";

/** The HTTP contenders; each prints its port on stderr once listening. */
export function httpContenders({ mcpcServer, floorDir }) {
  return [
    { id: "floor-http", label: "bare node:http (floor)", argv: [join(BENCH, "contenders/floor/http.mjs"), floorDir, "--port", "0"] },
    { id: "mcpc-http", label: "mcpc --http", argv: [mcpcServer, "--http", "--port", "0"] },
    { id: "sdk-stateless", label: "SDK stateless", argv: [join(BENCH, "contenders/sdk/server.mjs"), "--http", "--port", "0"] },
    { id: "sdk-stateful", label: "SDK stateful", argv: [join(BENCH, "contenders/sdk/server.mjs"), "--http", "--stateful", "--port", "0"] },
    // fastmcp cannot report a port it was not given: "{port}" is replaced by a free one.
    { id: "fastmcp-stateless", label: "fastmcp stateless", argv: [join(BENCH, "contenders/fastmcp/server.mjs"), "--http", "--port", "{port}"] },
  ];
}

/** A port nothing listens on right now, for servers that cannot take port 0. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server with `--http --port 0` and resolves with the port it
 * reports (any "port N" or ":N" in its output), or undefined when it exits
 * or says nothing within the time allowed.
 */
export async function startHttp(argv, timeoutMs = 5000) {
  if (argv.includes("{port}")) {
    const port = String(await freePort());
    argv = argv.map((a) => (a === "{port}" ? port : a));
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const done = (port) => {
      clearTimeout(timer);
      if (port === undefined) child.kill("SIGKILL");
      resolve(port === undefined ? undefined : { port, child });
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const look = (chunk) => {
      output += chunk;
      const match = /(?:listening|port|:)\s*(\d{2,5})\b/i.exec(output);
      if (match) done(Number(match[1]));
    };
    child.stdout.setEncoding("utf8").on("data", look);
    child.stderr.setEncoding("utf8").on("data", look);
    child.on("exit", () => done(undefined));
  });
}

/** Whether mcpc's emitted server serves Streamable HTTP on this branch. */
export async function mcpcServesHttp(mcpcServer) {
  const started = await startHttp([mcpcServer, "--http", "--port", "0"], 3000);
  if (started === undefined) return false;
  started.child.kill();
  return true;
}
