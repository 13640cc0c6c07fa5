import { spawn, type ChildProcess } from "node:child_process";
import { join, relative } from "node:path";
import { stringOption, UsageError, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import type { AuthConfig } from "../config-file.js";
import { PROJECT_OPTIONS, PROJECT_OPTIONS_HELP } from "../project.js";
import { describeCounts } from "../counts.js";
import { openProject } from "../open-project.js";
import { FORMAT_OPTIONS, hasErrors } from "../report.js";
import { watchBuild } from "../watch.js";

/** The server's authorization flags `mcpc dev` passes through (the environment's MCPC_AUTH_* reach it as they are). */
const AUTH_FLAGS = ["public-url", "auth-issuer", "auth-jwks", "auth-audience", "auth-algorithms", "auth-clock-skew", "auth-introspect"] as const;

/** How long a server gets to finish after SIGTERM before it is killed. */
const STOP_GRACE_MS = 3000;

export const dev: Command = {
  name: "dev",
  summary: "build, serve over HTTP on localhost, rebuild and restart on change",
  options: { ...PROJECT_OPTIONS, ...FORMAT_OPTIONS, port: "string", host: "string", ...Object.fromEntries(AUTH_FLAGS.map((flag) => [flag, "string" as const])) },
  help: `Usage: mcpc dev [entry.ts...] [options]

Builds the server, starts it over Streamable HTTP on localhost, and on every
change rebuilds and restarts it (the old process is stopped and its port freed
first). A build with errors keeps the last good server running.

Options:
  --port <n>              port to serve on (default: configured or 3000)
  --host <host>           interface to listen on (default: configured or 127.0.0.1)
  --auth-issuer <url>     require OAuth access tokens from this issuer; also
                          --auth-jwks, --auth-audience, --auth-algorithms,
                          --auth-clock-skew, --auth-introspect (docs/http.md)
  --public-url <url>      the URL clients reach the server at (default with
                          OAuth: http://HOST:PORT)
${PROJECT_OPTIONS_HELP}

Examples:
  mcpc dev src/tools.ts
  mcpc dev --port 4000
  mcpc dev --auth-issuer https://issuer.example.com   # tokens for http://127.0.0.1:3000/mcp
  npx @modelcontextprotocol/inspector   # then connect to http://127.0.0.1:3000/mcp`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    const opened = openProject(args, cli);
    if (opened === undefined) return EXIT_USAGE;
    const { printer, setup } = opened;
    const portText = stringOption(args.options, "port");
    const port = portText !== undefined ? Number(portText) : (setup.config.transport?.port ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got '${portText}'`);
    const host = stringOption(args.options, "host") ?? setup.config.transport?.host ?? "127.0.0.1";

    const serverArgs = ["--http", "--port", String(port), "--host", host, ...authArguments(args, setup.config.auth, cli.env, host, port)];

    let server: ChildProcess | undefined;
    const stopServer = async (): Promise<void> => {
      const child = server;
      server = undefined;
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    };
    const startServer = (serverPath: string): Promise<void> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [serverPath, ...serverArgs], { cwd: cli.cwd, stdio: ["ignore", "inherit", "pipe"] });
        server = child;
        let announced = false;
        let buffered = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          const text = chunk.toString("utf8");
          cli.err(text);
          if (announced) return;
          buffered += text;
          const match = /listening on (\S+)/.exec(buffered);
          if (match !== null) {
            announced = true;
            const url = match[1]!.replace(/\/?$/, "").endsWith("/mcp") ? match[1]! : `${match[1]!.replace(/\/$/, "")}/mcp`;
            cli.out(`Serving at ${url}\n  Inspect it: npx @modelcontextprotocol/inspector, then connect to ${url} (transport: Streamable HTTP)\n`);
            resolve();
          }
        });
        child.once("exit", (code, signal) => {
          if (server === child) {
            server = undefined;
            cli.err(`The server stopped (${signal ?? `exit code ${code}`}); waiting for changes.\n`);
          }
          resolve();
        });
      });

    const watcher = await watchBuild(setup.options, {
      async onBuild(result, ms) {
        const time = new Date().toTimeString().slice(0, 8);
        printer.print(result.diagnostics);
        if (hasErrors(result.diagnostics)) {
          printer.success(`[${time}] Found errors in ${ms} ms; ${server ? "the last good server keeps running" : "no server is running"}. Watching for changes.`);
          return;
        }
        printer.success(`[${time}] Built ${describeCounts(result)} into ${relative(cli.cwd, result.outDir) || "."} in ${ms} ms; ${server ? "restarting" : "starting"} the server.`);
        await stopServer();
        await startServer(join(result.outDir, "server.js"));
      },
    });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        watcher.close();
        void stopServer().then(resolve);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return EXIT_OK;
  },
};

/**
 * The authorization flags for the server: those given to `mcpc dev`, and
 * with OAuth on (by flag, environment or config) but no public URL anywhere,
 * the address dev serves at, so tokens are checked against the URL the
 * developer's client really uses.
 */
function authArguments(args: ParsedCommandLine, configured: AuthConfig | undefined, env: NodeJS.ProcessEnv, host: string, port: number): string[] {
  const out: string[] = [];
  for (const flag of AUTH_FLAGS) {
    const value = stringOption(args.options, flag);
    if (value !== undefined) out.push(`--${flag}`, value);
  }
  const oauth =
    out.includes("--auth-issuer") || out.includes("--auth-introspect") || env.MCPC_AUTH_ISSUER || env.MCPC_AUTH_INTROSPECT || configured?.issuer !== undefined || configured?.introspect !== undefined;
  const publicUrl = out.includes("--public-url") || env.MCPC_PUBLIC_URL || configured?.publicUrl !== undefined;
  if (oauth && !publicUrl) out.push("--public-url", `http://${host.includes(":") ? `[${host}]` : host}:${port}`);
  return out;
}
