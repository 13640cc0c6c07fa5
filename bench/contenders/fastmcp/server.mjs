// fastmcp (the TypeScript FastMCP) with zod schemas.
import { FastMCP } from "fastmcp";
import { z } from "zod";
import { addShape, orderShape } from "../zod-schemas.mjs";
import { ADD_DESCRIPTION, ORDER_DESCRIPTION, placeOrder } from "../shared.mjs";

const server = new FastMCP({ name: "bench-fastmcp", version: "1.0.0" });
server.addTool({ name: "add", description: ADD_DESCRIPTION, parameters: z.object(addShape), execute: async ({ a, b }) => String(a + b) });
server.addTool({
  name: "create_order",
  description: ORDER_DESCRIPTION,
  parameters: z.object(orderShape),
  execute: async (order) => JSON.stringify(placeOrder(order)),
});

const argv = process.argv.slice(2);
if (!argv.includes("--http")) {
  await server.start({ transportType: "stdio" });
} else {
  const port = Number(argv[argv.indexOf("--port") + 1] ?? 0);
  await server.start({ transportType: "httpStream", httpStream: { port, host: "127.0.0.1", stateless: !argv.includes("--stateful") } });
  process.stderr.write(`listening ${port}\n`);
}
