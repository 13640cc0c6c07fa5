// Where each MCP client keeps its server list, and the shape of one entry.
// Absolute paths to node and the server: clients start servers with a PATH
// of their own, and "Server did not connect" from a PATH mismatch is the
// most common first-day failure.
import { homedir } from "node:os";
import { join } from "node:path";

export const CLIENTS = ["claude-desktop", "claude-code", "cursor", "vscode", "json"] as const;
export type ClientName = (typeof CLIENTS)[number];

export interface ServerEntry {
  command: string;
  args: string[];
}

export interface ClientConfigShape {
  /** The key holding the servers by name. */
  serversKey: "mcpServers" | "servers";
  /** The entry as this client wants it. */
  entry(server: ServerEntry): Record<string, unknown>;
  /** The config file --write merges into, or undefined when there is none to write. */
  file(cwd: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined;
}

export const CLIENT_CONFIGS: Record<ClientName, ClientConfigShape> = {
  // https://modelcontextprotocol.io/quickstart/user : claude_desktop_config.json, "mcpServers".
  "claude-desktop": {
    serversKey: "mcpServers",
    entry: (s) => ({ command: s.command, args: s.args }),
    file: (_cwd, env, platform) => {
      if (platform === "darwin") return join(home(env), "Library", "Application Support", "Claude", "claude_desktop_config.json");
      if (platform === "win32") return join(env.APPDATA ?? join(home(env), "AppData", "Roaming"), "Claude", "claude_desktop_config.json");
      return join(env.XDG_CONFIG_HOME ?? join(home(env), ".config"), "Claude", "claude_desktop_config.json");
    },
  },
  // Claude Code's project scope: .mcp.json at the project root.
  "claude-code": {
    serversKey: "mcpServers",
    entry: (s) => ({ type: "stdio", command: s.command, args: s.args }),
    file: (cwd) => join(cwd, ".mcp.json"),
  },
  // Cursor's project configuration: .cursor/mcp.json.
  cursor: {
    serversKey: "mcpServers",
    entry: (s) => ({ command: s.command, args: s.args }),
    file: (cwd) => join(cwd, ".cursor", "mcp.json"),
  },
  // VS Code's workspace configuration: .vscode/mcp.json with "servers".
  vscode: {
    serversKey: "servers",
    entry: (s) => ({ type: "stdio", command: s.command, args: s.args }),
    file: (cwd) => join(cwd, ".vscode", "mcp.json"),
  },
  json: {
    serversKey: "mcpServers",
    entry: (s) => ({ command: s.command, args: s.args }),
    file: () => undefined,
  },
};

function home(env: NodeJS.ProcessEnv): string {
  return env.HOME ?? env.USERPROFILE ?? homedir();
}
