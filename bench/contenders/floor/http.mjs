// The node:http floor: one JSON-RPC message per POST, answered as JSON
// (Streamable HTTP's JSON response mode), keep-alive connections.
import { createServer } from "node:http";
import { createResponder } from "./responder.mjs";

const respond = createResponder(process.argv[2]);
const argv = process.argv.slice(3);
const port = Number(argv[argv.indexOf("--port") + 1] ?? 0);
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const answer = respond(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    if (answer === undefined) {
      res.writeHead(202).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(answer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => process.stderr.write(`listening ${server.address().port}\n`));
