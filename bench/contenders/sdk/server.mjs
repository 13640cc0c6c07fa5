// The official SDK's McpServer with zod schemas: what most TypeScript MCP
// servers look like today. `--http` serves Streamable HTTP (stateless unless
// `--stateful`) on `--port` and prints `listening <port>` on stderr.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { addShape, orderShape } from "../zod-schemas.mjs";
import { ADD_DESCRIPTION, ORDER_DESCRIPTION, placeOrder } from "../shared.mjs";

function createServer() {
  const server = new McpServer({ name: "bench-sdk", version: "1.0.0" });
  server.registerTool("add", { description: ADD_DESCRIPTION, inputSchema: addShape }, ({ a, b }) => ({
    content: [{ type: "text", text: String(a + b) }],
  }));
  server.registerTool("create_order", { description: ORDER_DESCRIPTION, inputSchema: orderShape }, (order) => ({
    content: [{ type: "text", text: JSON.stringify(placeOrder(order)) }],
  }));
  return server;
}

const argv = process.argv.slice(2);
if (!argv.includes("--http")) {
  const { StdioServerTransport } = await import("@modelcontextprotocol/sdk/server/stdio.js");
  await createServer().connect(new StdioServerTransport());
} else {
  const { createServer: createHttpServer } = await import("node:http");
  const { randomUUID } = await import("node:crypto");
  const { StreamableHTTPServerTransport } = await import("@modelcontextprotocol/sdk/server/streamableHttp.js");
  const stateful = argv.includes("--stateful");
  const port = Number(argv[argv.indexOf("--port") + 1] ?? 0);
  const sessions = new Map();
  const readBody = (req) =>
    new Promise((resolve) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined));
    });
  const http = createHttpServer(async (req, res) => {
    const body = req.method === "POST" ? await readBody(req) : undefined;
    if (!stateful) {
      // The SDK's documented stateless pattern: a server and transport per request.
      const server = createServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on("close", () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
      return;
    }
    const id = req.headers["mcp-session-id"];
    let transport = id === undefined ? undefined : sessions.get(id);
    if (transport === undefined) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse: true,
        onsessioninitialized: (sid) => sessions.set(sid, transport),
      });
      await createServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  http.keepAliveTimeout = 60_000;
  http.listen(port, "127.0.0.1", () => process.stderr.write(`listening ${http.address().port}\n`));
}
