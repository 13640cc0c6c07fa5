// The main job, end to end: compile the quickstart with mcpc, start the
// emitted server on plain node, and talk to it through the official SDK client.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, ".out", "demo");

console.log("$ mcpc build fixtures/quickstart/tools.ts --out .out/demo");
execFileSync(process.execPath, [join(root, "bin/mcpc.js"), "build", "fixtures/quickstart/tools.ts", "--out", out], {
  cwd: root,
  stdio: "inherit",
});

const client = new Client({ name: "mcpc-demo", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command: process.execPath, args: [join(out, "server.js")], stderr: "ignore" }));
console.log(`\nConnected to ${client.getServerVersion()?.name} over stdio.`);

const { tools } = await client.listTools();
console.log(`tools/list: ${tools.map((t) => t.name).join(", ")}`);

const calls = [
  ["convert_temperature", { value: 100, from: "celsius", to: "fahrenheit" }],
  ["add_task", { task: { title: "Write the release notes", priority: "high", tags: ["docs"] } }],
  ["slugify", { title: "Hello, MCP world!" }],
  ["convert_temperature", { value: "hot", from: "celsius", to: "rankine" }],
];
for (const [name, args] of calls) {
  const result = await client.callTool({ name, arguments: args });
  console.log(`\ntools/call ${name} ${JSON.stringify(args)}`);
  console.log(JSON.stringify(result, null, 2));
}
await client.close();
