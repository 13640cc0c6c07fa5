import { LOG_LEVELS } from "../context.js";
import type { ServerCore } from "./core.js";
import { ErrorCode, RpcError } from "./jsonrpc.js";
import { negotiateVersion } from "./versions.js";
import { shapeImplementation } from "./version-shaping.js";

/** initialize, ping and logging/setLevel: the methods every server answers. */
export function registerLifecycle(core: ServerCore): void {
  core.capabilities.logging = {};
  core.handle("initialize", (params, session) => {
    session.protocolVersion = negotiateVersion(params.protocolVersion);
    if (params.capabilities && typeof params.capabilities === "object") {
      session.clientCapabilities = params.capabilities as Record<string, unknown>;
    }
    // Built per request: the negotiated protocol version is the client's.
    const result: Record<string, unknown> = { protocolVersion: session.protocolVersion, capabilities: core.capabilities, serverInfo: shapeImplementation(core.serverInfo, session.protocolVersion) };
    if (core.definition.instructions !== undefined) result.instructions = core.definition.instructions;
    return JSON.stringify(result);
  });
  core.handle("ping", () => "{}");
  core.handle("logging/setLevel", (params, session) => {
    const index = LOG_LEVELS.indexOf(params.level as never);
    if (index < 0) throw new RpcError(ErrorCode.InvalidParams, `Invalid params: level must be one of ${LOG_LEVELS.join(", ")}`);
    session.logLevel = index;
    return "{}";
  });
}
