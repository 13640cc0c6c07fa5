// What checking a caller costs: the server's CPU per `add` call over
// Streamable HTTP (--stateless, so every request is authenticated on its own)
// with no authorization, with the static token (MCPC_AUTH_TOKEN), and with a
// JWT from a local authorization server (--auth-issuer). The JWT is verified
// once and then found in the verifier's cache until it expires, so the third
// figure is the cached path: what a client re-sending its token pays.
import { createServer } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { freePort, startHttp } from "./http.mjs";
import { RawHttpPeer } from "./lib/raw-http-peer.mjs";
import { cpuSeconds } from "./lib/proc.mjs";
import { median } from "./lib/stats.mjs";
import { CALL_ADD } from "./lib/payloads.mjs";
import { answersThree } from "./runtime.mjs";

/** A minimal issuer on 127.0.0.1: its RFC 8414 metadata and JWKS, and a signer for tokens. */
async function startIssuer() {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "bench", alg: "ES256", use: "sig" };
  const server = createServer((req, res) => {
    const issuer = `http://127.0.0.1:${server.address().port}`;
    const body =
      req.url === "/.well-known/oauth-authorization-server"
        ? { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token`, response_types_supported: ["code"] }
        : req.url === "/jwks"
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  return {
    issuer,
    sign: (audience) =>
      new SignJWT({ scope: "notes:read" }).setProtectedHeader({ alg: "ES256", kid: "bench" }).setIssuer(issuer).setSubject("bench").setAudience(audience).setIssuedAt().setExpirationTime("1h").sign(privateKey),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** One variant's turn: start the server, check add(1, 2), warm up, then measure CPU per call. */
async function measure(variant, mcpcServer, config) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/mcp`;
  const { argv, env, token } = await variant.setup(url, port);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let started;
  try {
    started = await startHttp([mcpcServer, "--http", "--stateless", "--port", String(port), ...argv], 5000);
  } finally {
    for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
  }
  if (started === undefined) throw new Error(`${variant.id}: did not start listening`);
  const peer = new RawHttpPeer(url, 64, token === undefined ? {} : { authorization: `Bearer ${token}` });
  try {
    const check = await peer.request("tools/call", CALL_ADD);
    if (!answersThree(check.message?.result?.content?.[0]?.text)) throw new Error(`${variant.id}: add(1, 2) answered ${check.status} ${JSON.stringify(check.message)}`);
    await peer.pipeline("tools/call", CALL_ADD, config.warmup, 64);
    const cpu = cpuSeconds(started.child.pid);
    const { ms, failures } = await peer.pipeline("tools/call", CALL_ADD, config.calls, 64);
    if (failures > 0) throw new Error(`${variant.id}: ${failures} of ${config.calls} calls failed`);
    return { cpuUs: ((cpuSeconds(started.child.pid) - cpu) * 1e6) / config.calls, perSecond: config.calls / (ms / 1000) };
  } finally {
    peer.close();
    started.child.kill();
  }
}

/** The three variants in turns for `rounds` rounds; medians, and the markdown that reports them. */
export async function runAuth(mcpcServer, config, log = () => {}) {
  const issuer = await startIssuer();
  const STATIC = "bench-static-token-0123456789abcdef";
  const variants = [
    { id: "none", label: "no authorization", setup: async () => ({ argv: [], env: {} }) },
    { id: "static", label: "static token (MCPC_AUTH_TOKEN)", setup: async () => ({ argv: [], env: { MCPC_AUTH_TOKEN: STATIC }, token: STATIC }) },
    {
      id: "jwt",
      label: "JWT (--auth-issuer), verified once, then cached",
      setup: async (url, port) => ({ argv: ["--public-url", `http://127.0.0.1:${port}`, "--auth-issuer", issuer.issuer], env: {}, token: await issuer.sign(url) }),
    },
  ];
  const samples = new Map(variants.map((v) => [v.id, []]));
  try {
    for (let round = 0; round < config.rounds; round++) {
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(k + round) % variants.length];
        const figures = await measure(variant, mcpcServer, config);
        samples.get(variant.id).push(figures);
        log(`auth round ${round + 1}/${config.rounds} ${variant.id}: ${figures.cpuUs.toFixed(1)} µs CPU per call, ${(figures.perSecond / 1000).toFixed(1)}k calls/s`);
      }
    }
  } finally {
    await issuer.close();
  }
  const medians = Object.fromEntries(variants.map((v) => [v.id, { cpuUs: median(samples.get(v.id).map((f) => f.cpuUs)), perSecond: median(samples.get(v.id).map((f) => f.perSecond)) }]));
  const rows = variants.map((v) => {
    const m = medians[v.id];
    const extra = v.id === "none" ? "–" : `${(m.cpuUs - medians.none.cpuUs).toFixed(1)} µs`;
    return `| ${v.label} | ${m.cpuUs.toFixed(1)} µs | ${extra} | ${(m.perSecond / 1000).toFixed(1)}k |`;
  });
  const markdown = [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${config.quick ? " (quick mode)" : ""}: \`add\` over \`--http --stateless\`, ${config.calls} calls per figure after ${config.warmup} to warm up, 64 in flight, median of ${config.rounds} rounds.`,
    "",
    "| Caller checked by | server CPU per call | over no authorization | calls/s |",
    "|---|---:|---:|---:|",
    ...rows,
  ].join("\n");
  return { medians, markdown };
}
