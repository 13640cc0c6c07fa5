// Where each MCP client keeps its server list, and the shape of one entry.
// A client-wide file (Claude Desktop's, or printed JSON) gets absolute paths
// to node and the server: such clients start servers with a PATH of their
// own, and "Server did not connect" from a PATH mismatch is the most common
// first-day failure. A project file (.vscode/mcp.json, .cursor/mcp.json,
// .mcp.json) is meant to be committed, so it gets no machine paths: `node`
// and the server's path in the form each client resolves against the project.
import { homedir } from "node:os";
import { join } from "node:path";

export const CLIENTS = ["claude-desktop", "claude-code", "cursor", "vscode", "json"] as const;
export type ClientName = (typeof CLIENTS)[number];

/** How the server is started, in both path forms; each client picks the one it supports. */
export interface ServerLaunch {
  /** The node running mcpc now (absolute). */
  nodePath: string;
  /** server.js: absolute, and relative to the project root with '/' separators. */
  serverAbsolute: string;
  serverRelative: string;
  /** An env file (`--env-file`), in the same two forms. */
  envFile?: { absolute: string; relative: string };
  /** Variables given with `--env KEY=VALUE`. */
  env: Record<string, string>;
}

export interface ClientConfigShape {
  /** The key holding the servers by name. */
  serversKey: "mcpServers" | "servers";
  /** The entry as this client wants it. */
  entry(launch: ServerLaunch): Record<string, unknown>;
  /** The config file --write merges into, or undefined when there is none to write. */
  file(cwd: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined;
}

/** `env` only when there are variables: an empty object is noise in a committed file. */
function withEnv(entry: Record<string, unknown>, launch: ServerLaunch): Record<string, unknown> {
  return Object.keys(launch.env).length === 0 ? entry : { ...entry, env: launch.env };
}

/** Absolute paths, the env file through node's own --env-file (Node ≥ 20.6): works in any client. */
function absoluteEntry(launch: ServerLaunch, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const envFile = launch.envFile === undefined ? [] : [`--env-file=${launch.envFile.absolute}`];
  return withEnv({ ...extra, command: launch.nodePath, args: [...envFile, launch.serverAbsolute] }, launch);
}

/** VS Code and Cursor resolve ${workspaceFolder} in args and envFile. */
function workspaceEntry(launch: ServerLaunch, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...extra, command: "node", args: [`\${workspaceFolder}/${launch.serverRelative}`] };
  if (launch.envFile !== undefined) entry.envFile = `\${workspaceFolder}/${launch.envFile.relative}`;
  return withEnv(entry, launch);
}

export const CLIENT_CONFIGS: Record<ClientName, ClientConfigShape> = {
  // https://modelcontextprotocol.io/quickstart/user : claude_desktop_config.json, "mcpServers".
  "claude-desktop": {
    serversKey: "mcpServers",
    entry: (launch) => absoluteEntry(launch),
    file: (_cwd, env, platform) => {
      if (platform === "darwin") return join(home(env), "Library", "Application Support", "Claude", "claude_desktop_config.json");
      if (platform === "win32") return join(env.APPDATA ?? join(home(env), "AppData", "Roaming"), "Claude", "claude_desktop_config.json");
      return join(env.XDG_CONFIG_HOME ?? join(home(env), ".config"), "Claude", "claude_desktop_config.json");
    },
  },
  // Claude Code's project scope: .mcp.json at the project root. It expands only
  // environment variables (${VAR}, ${VAR:-default}), no workspace variable, so
  // paths are relative to the project root, where Claude Code runs.
  "claude-code": {
    serversKey: "mcpServers",
    entry: (launch) => {
      const envFile = launch.envFile === undefined ? [] : [`--env-file=${launch.envFile.relative}`];
      return withEnv({ type: "stdio", command: "node", args: [...envFile, launch.serverRelative] }, launch);
    },
    file: (cwd) => join(cwd, ".mcp.json"),
  },
  // Cursor's project configuration: .cursor/mcp.json, with ${workspaceFolder}.
  cursor: {
    serversKey: "mcpServers",
    entry: (launch) => workspaceEntry(launch),
    file: (cwd) => join(cwd, ".cursor", "mcp.json"),
  },
  // VS Code's workspace configuration: .vscode/mcp.json with "servers", and ${workspaceFolder}.
  vscode: {
    serversKey: "servers",
    entry: (launch) => workspaceEntry(launch, { type: "stdio" }),
    file: (cwd) => join(cwd, ".vscode", "mcp.json"),
  },
  json: {
    serversKey: "mcpServers",
    entry: (launch) => absoluteEntry(launch),
    file: () => undefined,
  },
};

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME ?? env.USERPROFILE ?? homedir();
}
