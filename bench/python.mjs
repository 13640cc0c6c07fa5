// FastMCP (Python), the system mcpc is measured against, in a virtualenv of
// its own under bench/.build/ (gitignored): created with `python3 -m venv`
// and filled with `pip install fastmcp` from this machine's pip index on the
// first run, reused after. Only `npm run bench` calls this, never the tests.
// Anything missing fails the bench: a run without the FastMCP rows would
// read as a full run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BENCH, BUILD } from "./build.mjs";

const VENV = join(BUILD, "fastmcp-python-venv");
const PYTHON = join(VENV, "bin", "python");
export const FASTMCP_PYTHON_SERVER = join(BENCH, "contenders/fastmcp-python/server.py");

/** Creates or reuses the virtualenv; returns its python and the versions that will run. */
export function prepareFastmcpPython(log = () => {}) {
  if (!existsSync(PYTHON)) {
    log(`creating a Python virtualenv for FastMCP (Python) in ${VENV}`);
    run("python3", ["-m", "venv", VENV], "python3 -m venv failed: the bench needs Python 3 with its venv module (Debian: apt-get install python3-venv)");
  }
  if (versionOf("fastmcp") === undefined) {
    log("pip install fastmcp (into the bench's virtualenv)");
    // --retries 0: where pip's default index is out of reach and a local one is configured
    // beside it, each retry of the unreachable one waits with backoff (minutes over
    // fastmcp's ~70 dependencies); without retries pip goes straight to the reachable one.
    run(PYTHON, ["-m", "pip", "install", "--retries", "0", "fastmcp"], "pip install fastmcp failed in the bench's virtualenv");
  }
  const fastmcp = versionOf("fastmcp");
  if (fastmcp === undefined) throw new Error(`FastMCP (Python): fastmcp is not importable in ${VENV} after pip install`);
  const python = execFileSync(PYTHON, ["-c", "import platform; print(platform.python_version())"], { encoding: "utf8" }).trim();
  return { python: PYTHON, server: FASTMCP_PYTHON_SERVER, versions: { fastmcp, python, pydantic: versionOf("pydantic"), mcp: versionOf("mcp") } };
}

function versionOf(distribution) {
  try {
    return execFileSync(PYTHON, ["-c", `import importlib.metadata as m; print(m.version(${JSON.stringify(distribution)}))`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

function run(command, args, failure) {
  try {
    execFileSync(command, args, { stdio: ["ignore", 2, 2] }); // its output to stderr: stdout is the report
  } catch (error) {
    throw new Error(`${failure} (${command} ${args.join(" ")}: ${error.message})`);
  }
}
