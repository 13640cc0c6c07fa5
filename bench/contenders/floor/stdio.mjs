// The stdio floor: newline-delimited JSON-RPC, every answer of one read
// written in one write.
import { createResponder } from "./responder.mjs";

const respond = createResponder(process.argv[2]);
let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  const text = pending + chunk;
  let out = "";
  let start = 0;
  let newline;
  while ((newline = text.indexOf("\n", start)) !== -1) {
    const answer = respond(JSON.parse(text.slice(start, newline)));
    if (answer !== undefined) out += answer + "\n";
    start = newline + 1;
  }
  pending = text.slice(start);
  if (out !== "") process.stdout.write(out);
});
process.stdin.on("end", () => process.exit(0));
