// The floor: the least a correct MCP tool server must do per message. Parse
// the line, dispatch, validate with the same precompiled Ajv standalone
// validators mcpc emits, stringify the answer. Shared by the stdio and
// node:http floors. `buildDir` holds what bench/build.mjs generated.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { placeOrder } from "../shared.mjs";

export function createResponder(buildDir) {
  const require = createRequire(import.meta.url);
  const validators = require(join(buildDir, "validators.cjs"));
  const toolsList = readFileSync(join(buildDir, "tools-list.json"), "utf8");
  const tools = {
    add: { validate: validators.add, run: (a) => String(a.a + a.b) },
    create_order: { validate: validators.create_order, run: (a) => JSON.stringify(placeOrder(a)) },
  };
  const initResult = JSON.stringify({
    protocolVersion: "2025-11-25",
    capabilities: { tools: { listChanged: false } },
    serverInfo: { name: "bench-floor", version: "1.0.0" },
  });
  const result = (id, json) => `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${json}}`;
  const text = (t, isError) => `{"content":[{"type":"text","text":${JSON.stringify(t)}}]${isError ? ',"isError":true' : ""}}`;

  /** One message in, one answer out (undefined for notifications). */
  return function respond(message) {
    const id = message.id;
    if (id === undefined) return undefined;
    switch (message.method) {
      case "tools/call": {
        const tool = tools[message.params.name];
        if (tool === undefined) return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":{"code":-32602,"message":"Unknown tool"}}`;
        const args = message.params.arguments;
        if (!tool.validate(args)) {
          return result(id, text(tool.validate.errors.map((e) => `${e.instancePath} ${e.message}`).join("\n"), true));
        }
        return result(id, text(tool.run(args), false));
      }
      case "tools/list":
        return result(id, toolsList);
      case "initialize":
        return result(id, initResult);
      case "ping":
        return result(id, "{}");
      default:
        return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":{"code":-32601,"message":"Method not found"}}`;
    }
  };
}
