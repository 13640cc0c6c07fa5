// The README's Dockerfile (examples/deploy/Dockerfile) deploys a standalone build. Where a docker
// engine runs, the image is built and its server answers over `docker run -i`; elsewhere the file is
// read as docker would read it and carried out by hand: its COPY into a fresh root, then its
// ENTRYPOINT started in its WORKDIR, where the server must answer as well.
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, it } from "vitest";
import { runCli, tempProject } from "../helpers/cli.js";
import { FIXTURES, ROOT } from "../helpers/paths.js";

const DOCKERFILE = join(ROOT, "examples", "deploy", "Dockerfile");

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions: comments dropped, continuation lines joined, keywords upper-cased. */
function parseDockerfile(text: string): Instruction[] {
  const lines = text.split("\n").filter((line) => !/^\s*#/.test(line));
  const joined = lines.join("\n").replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(" ") };
    });
}

function dockerRuns(): boolean {
  return spawnSync("docker", ["info"], { encoding: "utf8", timeout: 15_000 }).status === 0;
}

async function answersInitialize(command: string, args: string[], cwd?: string): Promise<string[]> {
  const transport = new StdioClientTransport({ command, args, ...(cwd === undefined ? {} : { cwd }), stderr: "pipe" });
  const client = new Client({ name: "mcpc-test", version: "1.0.0" });
  await client.connect(transport);
  try {
    return (await client.listTools()).tools.map((t) => t.name);
  } finally {
    await client.close();
  }
}

describe("examples/deploy/Dockerfile", () => {
  const instructions = parseDockerfile(readFileSync(DOCKERFILE, "utf8"));
  const one = (keyword: string) => {
    const found = instructions.filter((i) => i.keyword === keyword);
    expect(found, `exactly one ${keyword}`).toHaveLength(1);
    return found[0]!.args;
  };

  it("starts from Node 20 or later, copies mcp-server/ into its WORKDIR and runs node server.js there", () => {
    const major = /^node:(\d+)/.exec(one("FROM"));
    expect(major, "FROM node:<version>").not.toBeNull();
    expect(Number(major![1])).toBeGreaterThanOrEqual(20);
    expect(one("COPY").split(/\s+/)).toEqual(["mcp-server/", "./"]);
    expect(one("WORKDIR")).toMatch(/^\/\S+$/);
    // Exec form: node itself is PID 1 and receives docker's SIGTERM.
    expect(JSON.parse(one("ENTRYPOINT"))).toEqual(["node", "server.js"]);
    expect(instructions.filter((i) => i.keyword === "RUN")).toEqual([]); // a standalone build installs nothing
  });

  it("serves a standalone build as the image would", { timeout: 90_000 }, async () => {
    const dir = tempProject("deploy", {});
    copyFileSync(join(FIXTURES, "quickstart", "tools.ts"), join(dir, "tools.ts"));
    const built = runCli(["build", "tools.ts", "--bundle", "--verify"], dir);
    expect(built.status, built.stderr).toBe(0);
    if (dockerRuns()) {
      const tag = `mcpc-deploy-test-${process.pid}`;
      const image = spawnSync("docker", ["build", "-f", DOCKERFILE, "-t", tag, "."], { cwd: dir, encoding: "utf8", timeout: 300_000 });
      expect(image.status, image.stderr).toBe(0);
      try {
        expect(await answersInitialize("docker", ["run", "-i", "--rm", tag])).toContain("slugify");
      } finally {
        spawnSync("docker", ["image", "rm", "-f", tag], { timeout: 60_000 });
      }
      return;
    }
    // No engine: carry the file out by hand, in a root that holds nothing but what it copies.
    const root = mkdtempSync(join(tmpdir(), "mcpc-deploy-root-"));
    try {
      const workdir = join(root, one("WORKDIR"));
      cpSync(join(dir, "mcp-server"), workdir, { recursive: true });
      const [command, ...args] = JSON.parse(one("ENTRYPOINT")) as string[];
      expect(command).toBe("node");
      expect(await answersInitialize(process.execPath, args, workdir)).toContain("slugify");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
