// How operators configure HTTP: command line and environment, rate-limit syntax.
import { describe, expect, it } from "vitest";
import { parseRate, parseToolRates } from "../../runtime/rate-limit.js";
import { readServerOptions } from "../../runtime/server.js";
import { checkHostAndOrigin, defaultAllowedHosts, hostnameOf } from "../../runtime/transports/http-security.js";
import type { IncomingMessage } from "node:http";

describe("HTTP options", () => {
  it("reads the environment, and the command line wins over it", () => {
    const options = readServerOptions(["--port", "8080", "--stateless"], {
      MCPC_HTTP: "1",
      MCPC_PORT: "9000",
      MCPC_HOST: "0.0.0.0",
      MCPC_AUTH_TOKEN: "t",
      MCPC_ALLOWED_HOSTS: "a.example, b.example",
      MCPC_RATE_LIMIT: "100/hour",
      MCPC_TOOL_RATE_LIMITS: "search=10/minute,add=1/s",
    });
    expect(options.http).toBe(true);
    expect(options.httpOptions).toMatchObject({ port: 8080, host: "0.0.0.0", stateless: true, authToken: "t", allowedHosts: ["a.example", "b.example"] });
    expect(options.rateLimit).toEqual({ count: 100, periodMs: 3_600_000, text: "100/hour" });
    expect([...options.toolRateLimits!.keys()]).toEqual(["search", "add"]);
  });

  it("stays on stdio unless asked, and refuses bad values with a usage error", () => {
    expect(readServerOptions(["--port", "8080"], {}).http).toBeUndefined();
    expect(() => readServerOptions(["--port", "70000"], {})).toThrow("--port must be a port number (0-65535), got '70000'");
    expect(() => readServerOptions(["--max-sessions", "many"], {})).toThrow("--max-sessions must be a whole number, got 'many'");
    expect(() => readServerOptions(["--host"], {})).toThrow("--host needs a value");
  });
});

describe("rate syntax", () => {
  it("reads the ways FastMCP users write limits", () => {
    expect(parseRate("10/second")).toMatchObject({ count: 10, periodMs: 1000 });
    expect(parseRate("100/hour")).toMatchObject({ count: 100, periodMs: 3_600_000 });
    expect(parseRate("5/min")).toMatchObject({ count: 5, periodMs: 60_000 });
    expect(parseRate("20 / 5 minutes")).toMatchObject({ count: 20, periodMs: 300_000 });
    expect(parseRate("1000/day")).toMatchObject({ count: 1000, periodMs: 86_400_000 });
    for (const bad of ["fast", "10", "0/second", "10/fortnight", "-1/s"]) expect(() => parseRate(bad)).toThrow(/written like 100\/hour/);
    expect(() => parseToolRates("search")).toThrow(/tool_name=10\/minute/);
  });
});

describe("DNS-rebinding policy", () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  const policy = { allowedHosts: defaultAllowedHosts("127.0.0.1"), allowedOrigins: [] };

  it("allows loopback names on any port and refuses others", () => {
    expect(hostnameOf("[::1]:3000")).toBe("[::1]");
    expect(checkHostAndOrigin(req({ host: "localhost:3000" }), policy)).toBeUndefined();
    expect(checkHostAndOrigin(req({ host: "[::1]:3000", origin: "http://127.0.0.1:5173" }), policy)).toBeUndefined();
    expect(checkHostAndOrigin(req({ host: "attacker.example:3000" }), policy)).toBe("Forbidden: Host not allowed");
    expect(checkHostAndOrigin(req({}), policy)).toBe("Forbidden: Host not allowed");
    expect(checkHostAndOrigin(req({ host: "localhost", origin: "http://attacker.example" }), policy)).toBe("Forbidden: Origin not allowed");
    expect(checkHostAndOrigin(req({ host: "localhost", origin: "null" }), policy)).toBe("Forbidden: Origin not allowed");
  });

  it("checks no Host on a wildcard bind without a list, but still same-origin checks browsers", () => {
    const open = { allowedHosts: defaultAllowedHosts("0.0.0.0"), allowedOrigins: [] };
    expect(open.allowedHosts).toBeUndefined();
    expect(checkHostAndOrigin(req({ host: "10.1.2.3:3000" }), open)).toBeUndefined();
    expect(checkHostAndOrigin(req({ host: "10.1.2.3:3000", origin: "http://10.1.2.3:3000" }), open)).toBeUndefined();
    expect(checkHostAndOrigin(req({ host: "10.1.2.3:3000", origin: "http://evil.example" }), open)).toBe("Forbidden: Origin not allowed");
  });
});
