// `mcpc dev` usage errors (its serving end to end waits for the HTTP transport: see cli-dev.http-pending.ts).
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";

describe("mcpc dev", () => {
  it("rejects a bad port or a missing entry with exit 2 before building anything", () => {
    const dir = tempProject("dev-usage", { "src/tools.ts": `/** Hi. */\nexport function hi(): string { return "hi"; }\n` });
    const badPort = runCli(["dev", "src/tools.ts", "--port", "99999"], dir);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain("--port must be a port number, got '99999'");
    const noEntry = runCli(["dev"], dir);
    expect(noEntry.status).toBe(2);
    expect(noEntry.stderr).toContain("MCPC3006");
  });
});
