import { spawn, type ChildProcess } from "node:child_process";
import { join, relative } from "node:path";
import { stringOption, UsageError, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { DevProxy } from "../dev-proxy.js";
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
  options: { ...PROJECT_OPTIONS, ...FORMAT_OPTIONS, port: "string", host: "string", ...Object.fromEntries(AUTH_FLAGS.map((flag) => [flag, "string" as const])) },
  help: `Usage: mcpc dev [entry.ts...] [options]

Builds the server, serves it over Streamable HTTP on localhost, and on every
change rebuilds and restarts it behind the same listener: a connected client
keeps its session (its initialize is replayed on the new process). A build
with errors keeps the last good server running. Messages of
unexpected exceptions reach the client (--expose-errors), as a developer wants,
and their stack traces, printed here, name the lines of your .ts files.

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

    // Clients talk to a stable listener; behind it, the process of the latest good build.
    const proxy = new DevProxy((message) => cli.err(message));
    let base: string;
    try {
      base = await proxy.listen(port, host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const hint = code === "EADDRINUSE" ? " (the port is in use: choose another with --port, or --port 0 for any free port)" : "";
      cli.err(`mcpc dev: cannot listen on ${host}:${port}: ${code ?? (error as Error).message}${hint}\n`);
      return EXIT_PROBLEMS;
    }
    const url = `${base}/mcp`;
    const authFlags = authArguments(args, setup.config.auth, cli.env, host, Number(new URL(base).port));

    let server: ChildProcess | undefined;
    const stopProcess = async (child: ChildProcess | undefined): Promise<void> => {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    };
    const stopServer = async (): Promise<void> => {
      const child = server;
      server = undefined;
      await stopProcess(child);
    };
    /**
     * Starts the new build's process on a free loopback port and, once it
     * listens, sends requests to it and stops the old one (which finishes the
     * calls it is running: its shutdown waits for them).
     */
    const startServer = (serverPath: string): Promise<void> =>
      new Promise((resolve) => {
        // In development the tool's own errors are what the developer needs to see: not masked.
        // Tokens name the address clients use (the stable listener), not the process's own port.
        const child = spawn(process.execPath, [serverPath, "--http", "--port", "0", "--host", "127.0.0.1", "--expose-errors", ...authFlags], {
          cwd: cli.cwd,
          stdio: ["ignore", "inherit", "pipe"],
        });
        const previous = server;
        let announced = false;
        let buffered = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          const text = chunk.toString("utf8");
          if (announced) {
            cli.err(text);
            return;
          }
          buffered += text;
          const match = /listening on (\S+)/.exec(buffered);
          if (match === null) return;
          announced = true;
          // The child's own "listening on" names its internal port: the developer's URL is the proxy's.
          const rest = buffered.replace(/^.*listening on \S+\n?/m, "");
          if (rest !== "") cli.err(rest);
          server = child;
          proxy.switchTo(match[1]!);
          cli.out(`Serving at ${url}\n  Inspect it: npx @modelcontextprotocol/inspector, then connect to ${url} (transport: Streamable HTTP)\n`);
          void stopProcess(previous).then(resolve);
        });
        child.once("exit", (code, signal) => {
          if (!announced) cli.err(buffered);
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
        await startServer(join(result.outDir, "server.js"));
      },
    });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        watcher.close();
        void stopServer()
          .then(() => proxy.close())
          .then(resolve);
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
