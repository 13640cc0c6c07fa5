// Runs the official MCP conformance suite (@modelcontextprotocol/conformance)
// against a server compiled by mcpc and served over Streamable HTTP on
// 127.0.0.1, then prints the passed/failed counts per scenario.
//
//   node scripts/conformance.js [--fixture fixtures/x/tools.ts] [--expect-passed N] [--expect-failed N] [--json]
//
// Exits 1 when the counts differ from the expectations given. Needs `npm run
// build` first (it compiles with dist/). The suite's own exit code is not
// used: the counts are read from the per-check results it saves with -o.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const json = args.includes("--json");
const say = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);

const fixture = resolve(root, option("--fixture") ?? defaultFixture());
const out = join(root, ".out", "conformance-server");
say(`$ mcpc build ${relative(root, fixture)} --out ${relative(root, out)}`);
execFileSync(process.execPath, [join(root, "bin/mcpc.js"), "build", fixture, "--out", out], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });

const server = spawn(process.execPath, [join(out, "server.js"), "--http", "--port", "0", "--host", "127.0.0.1"], {
  stdio: ["ignore", "ignore", "pipe"],
});
let serverLog = "";
const url = await new Promise((resolveUrl, reject) => {
  server.stderr.on("data", (chunk) => {
    serverLog += chunk.toString("utf8");
    const match = /mcpc: listening on (\S+)/.exec(serverLog);
    if (match) resolveUrl(match[1]);
  });
  server.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening:\n${serverLog}`)));
});
say(`server listening on ${url}`);

const results = mkdtempSync(join(tmpdir(), "mcpc-conformance-"));
const cli = join(root, "node_modules/@modelcontextprotocol/conformance/dist/index.js");
const preload = join(root, "scripts/node20-globsync.mjs");
const suite = spawn(process.execPath, ["--import", preload, cli, "server", "--url", url, "--suite", "all", "-o", results], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
});
let suiteOutput = "";
suite.stdout.on("data", (chunk) => (suiteOutput += chunk));
suite.stderr.on("data", (chunk) => (suiteOutput += chunk));
const suiteCode = await new Promise((done) => suite.once("exit", done));
server.kill("SIGTERM");

const scenarios = readResults(results);
rmSync(results, { recursive: true, force: true });
if (scenarios.length === 0) {
  process.stderr.write(`The conformance suite saved no results (exit ${suiteCode}):\n${suiteOutput}\n`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
const failures = [];
const passedChecks = [];
for (const scenario of scenarios) {
  for (const check of scenario.checks) {
    if (check.status === "SUCCESS") {
      passed++;
      passedChecks.push(`${scenario.name}/${check.id}`);
      if (args.includes("--verbose")) say(`pass ${scenario.name} / ${check.id}`);
    }
    else if (check.status === "FAILURE") {
      failed++;
      failures.push({ scenario: scenario.name, check: check.id, message: check.errorMessage ?? "" });
    }
  }
}
if (json) {
  process.stdout.write(`${JSON.stringify({ passed, failed, failures, passedChecks })}\n`);
} else {
  for (const f of failures) say(`FAIL ${f.scenario} / ${f.check}: ${f.message}`);
  say(`conformance: ${passed} passed, ${failed} failed (${scenarios.length} scenarios)`);
}

const expectPassed = option("--expect-passed");
const expectFailed = option("--expect-failed");
const wrong =
  (expectPassed !== undefined && Number(expectPassed) !== passed) || (expectFailed !== undefined && Number(expectFailed) !== failed);
if (wrong) {
  say(`expected ${expectPassed ?? "?"} passed, ${expectFailed ?? "?"} failed`);
  process.exit(1);
}

function defaultFixture() {
  // The fixture written for the suite (the reference server's tools,
  // resources and prompts); until it exists, the HTTP fixture.
  const conformance = join(root, "fixtures/conformance/tools.ts");
  return existsSync(conformance) ? conformance : join(root, "fixtures/http/tools.ts");
}

/** Each scenario's checks, from the `checks.json` files the suite writes under -o. */
function readResults(dir) {
  const found = [];
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "checks.json") {
        // Directories are named <scenario>-<timestamp>.
        const name = relative(dir, dirname(full)).replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, "");
        found.push({ name, checks: JSON.parse(readFileSync(full, "utf8")) });
      }
    }
  };
  walk(dir);
  return found;
}
