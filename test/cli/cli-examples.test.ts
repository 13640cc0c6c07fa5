// The examples, built by the real CLI and driven by the SDK Client over stdio.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { OUT, ROOT } from "../helpers/paths.js";
import { connectStdio, type ConnectedClient } from "../helpers/stdio-client.js";
import { waitFor } from "../helpers/wait-for.js";

function buildExample(name: string): string {
  const out = join(OUT, `example-${name}`);
  const run = runCli(["build", join("examples", name, "tools.ts"), "--out", out], ROOT);
  if (run.status !== 0) throw new Error(run.stderr);
  return join(out, "server.js");
}

function text(result: unknown): string {
  return ((result as { content: Array<{ text: string }> }).content)[0]!.text;
}

describe("examples/file-server", () => {
  let server: ConnectedClient;
  const root = join(OUT, "tmp-files-root");

  beforeAll(async () => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, "notes", "old"), { recursive: true });
    writeFileSync(join(root, "notes", "todo.txt"), "buy milk\nCall Ada about the engine\n");
    writeFileSync(join(root, "héllo.txt"), "Grüße, 世界\n");
    writeFileSync(join(root, "image.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(root, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(OUT, "tmp-files-secret.txt"), "secret");
    symlinkSync(join(OUT, "tmp-files-secret.txt"), join(root, "escape.txt"));
    writeFileSync(join(root, "..notes.txt"), "dots are part of the name\n");
    writeFileSync(join(root, "accent.txt"), "aé"); // 61 C3 A9: maxBytes 2 cuts the é in half
    execFileSync("mkfifo", [join(root, "pipe")]); // nobody ever writes to it
    // 3 GiB, sparse: reading all of it is refused by Node (over 2 GiB) and would take seconds anyway.
    writeFileSync(join(root, "big.txt"), "hello world\n");
    truncateSync(join(root, "big.txt"), 3 * 1024 ** 3);
    server = await connectStdio(buildExample("file-server"), { env: { FILES_ROOT: root } });
  });

  afterAll(async () => {
    await server?.close();
  });

  const call = (name: string, args: Record<string, unknown>) => server.client.callTool({ name, arguments: args });

  it("reads UTF-8 text", async () => {
    expect(text(await call("read_file", { path: "notes/todo.txt" }))).toBe("buy milk\nCall Ada about the engine\n");
    expect(text(await call("read_file", { path: "héllo.txt" }))).toBe("Grüße, 世界\n");
  });

  it("refuses paths outside the root: ../, absolute, and symlinks pointing out", async () => {
    for (const path of ["../tmp-files-secret.txt", "notes/../../tmp-files-secret.txt", "escape.txt"]) {
      const result = await call("read_file", { path });
      expect(result.isError, path).toBe(true);
      expect(text(result), path).toContain("outside the allowed root");
    }
    const absolute = await call("read_file", { path: join(OUT, "tmp-files-secret.txt") });
    expect(absolute.isError).toBe(true);
    expect(text(absolute)).toContain("is absolute");
  });

  it("explains missing files, directories, binary and non-UTF-8 files", async () => {
    expect(text(await call("read_file", { path: "nope.txt" }))).toContain("There is no file or directory 'nope.txt'");
    expect(text(await call("read_file", { path: "notes" }))).toContain("is a directory; use list_directory");
    expect(text(await call("read_file", { path: "image.bin" }))).toContain("is a binary file");
    expect(text(await call("read_file", { path: "latin1.txt" }))).toContain("not valid UTF-8");
  });

  it("reads a name that starts with dots: '..notes.txt' is inside the root", async () => {
    expect(text(await call("read_file", { path: "..notes.txt" }))).toBe("dots are part of the name\n");
    expect(text(await call("read_file", { path: "notes/../..notes.txt" }))).toBe("dots are part of the name\n");
  });

  it("refuses a FIFO at once, and FIFOs do not wedge the server's file operations", async () => {
    const started = Date.now();
    // More calls than libuv has threads (4): each open() that waited for a writer would hold one for good.
    const pipes = await Promise.all(Array.from({ length: 6 }, () => server.client.callTool({ name: "read_file", arguments: { path: "pipe" } }, undefined, { timeout: 5000 })));
    for (const result of pipes) {
      expect(result.isError).toBe(true);
      expect(text(result)).toBe("'pipe' is not a regular file (a pipe, socket or device); only files can be read.");
    }
    expect(text(await server.client.callTool({ name: "read_file", arguments: { path: "notes/todo.txt" } }, undefined, { timeout: 5000 }))).toContain("buy milk");
    expect(Date.now() - started).toBeLessThan(5000);
    // Searching passes it by (and reads only the start of big.txt, where the NULs say it is binary).
    expect((await server.client.callTool({ name: "search_files", arguments: { query: "PART OF" } }, undefined, { timeout: 5000 })).structuredContent).toEqual({
      matches: [{ path: "..notes.txt", line: 1, text: "dots are part of the name" }],
      truncated: false,
    });
  });

  it("reads at most maxBytes of a file, however large the file", async () => {
    const started = Date.now();
    expect(text(await call("read_file", { path: "big.txt", maxBytes: 11 }))).toBe(`hello world\n[truncated: ${3 * 1024 ** 3} bytes in all]`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("cuts a UTF-8 character split at maxBytes back to the last whole character", async () => {
    expect(text(await call("read_file", { path: "accent.txt", maxBytes: 2 }))).toBe("a\n[truncated: 3 bytes in all]");
    expect(text(await call("read_file", { path: "accent.txt", maxBytes: 3 }))).toBe("aé");
  });

  it("lists and searches", async () => {
    const listed = await call("list_directory", {});
    expect(listed.structuredContent).toEqual({
      path: ".",
      // Symbolic links are not followed when listing or searching: escape.txt points out of the root.
      entries: [
        { name: "..notes.txt", type: "file", size: 26 },
        { name: "accent.txt", type: "file", size: 3 },
        { name: "big.txt", type: "file", size: 3 * 1024 ** 3 },
        { name: "héllo.txt", type: "file", size: 16 },
        { name: "image.bin", type: "file", size: 6 },
        { name: "latin1.txt", type: "file", size: 5 },
        { name: "notes", type: "directory" },
      ],
    });
    const found = await call("search_files", { query: "ADA" });
    expect(found.structuredContent).toEqual({ matches: [{ path: "notes/todo.txt", line: 2, text: "Call Ada about the engine" }], truncated: false });
    expect((await call("search_files", { query: "secret" })).structuredContent).toEqual({ matches: [], truncated: false });
  });
});

describe("examples/http-api", () => {
  let api: Server;
  let elsewhere: Server;
  let server: ConnectedClient;
  const aborted: string[] = [];
  const elsewhereHits: string[] = [];

  beforeAll(async () => {
    // Another origin (same address, another port) that a redirect points to.
    elsewhere = createServer((req, res) => {
      elsewhereHits.push(req.url ?? "");
      res.end(JSON.stringify({ id: 5, userId: 666, title: "from elsewhere", body: "" }));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    const elsewherePort = (elsewhere.address() as { port: number }).port;
    // The API lives under a path, /api/v1, as many do; anything outside it is a 404.
    api = createServer((req, res) => {
      const url = req.url ?? "";
      if (url === "/api/v1/posts/1") return void res.end(JSON.stringify({ id: 1, userId: 7, title: "Hello", body: "First post" }));
      if (url === "/api/v1/posts?userId=7") return void res.end(JSON.stringify([1, 2, 3].map((id) => ({ id, userId: 7, title: `Post ${id}`, body: "" }))));
      if (url === "/api/v1/posts/3") {
        res.writeHead(429, { "retry-after": "30" });
        return void res.end();
      }
      if (url === "/api/v1/posts/2" || url === "/api/v1/posts/4") {
        res.on("close", () => aborted.push(url)); // never answered: the client's timeout or cancellation ends it
        return;
      }
      if (url === "/api/v1/posts/5") {
        res.writeHead(302, { location: `http://127.0.0.1:${elsewherePort}/posts/5` });
        return void res.end();
      }
      if (url === "/api/v1/posts/6") {
        res.writeHead(301, { location: "/api/v1/posts/1" });
        return void res.end();
      }
      if (url === "/api/v1/posts/8") {
        res.writeHead(307, { location: "8" }); // to itself, for ever
        return void res.end();
      }
      if (url === "/api/v1/posts/9") {
        // Chunked, with no Content-Length: the bound has to hold while reading.
        res.writeHead(200, { "content-type": "application/json" });
        res.write(`"${"x".repeat(150_000)}`);
        return void res.end(`${"x".repeat(150_000)}"`);
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    const { port } = api.address() as { port: number };
    server = await connectStdio(buildExample("http-api"), { env: { API_BASE_URL: `http://127.0.0.1:${port}/api/v1`, API_TIMEOUT_MS: "500", API_MAX_RESPONSE_BYTES: "200000" } });
  });

  afterAll(async () => {
    await server?.close();
    api?.closeAllConnections();
    await new Promise((resolve) => api?.close(resolve));
    elsewhere?.closeAllConnections();
    await new Promise((resolve) => elsewhere?.close(resolve));
  });

  it("keeps the path of API_BASE_URL: /api/v1 + posts/1 is /api/v1/posts/1", async () => {
    const post = await server.client.callTool({ name: "get_post", arguments: { id: 1 } });
    expect(post.structuredContent).toEqual({ id: 1, userId: 7, title: "Hello", body: "First post" });
  });

  it("follows a redirect within the API's origin, refuses one to another host, and stops a loop", async () => {
    expect((await server.client.callTool({ name: "get_post", arguments: { id: 6 } })).structuredContent).toMatchObject({ id: 1, title: "Hello" });
    const away = await server.client.callTool({ name: "get_post", arguments: { id: 5 } });
    expect(away.isError).toBe(true);
    expect(text(away)).toMatch(/^The API redirected posts\/5 to another host \(http:\/\/127\.0\.0\.1:\d+\); that redirect is not followed\.$/);
    expect(elsewhereHits).toEqual([]);
    const loop = await server.client.callTool({ name: "get_post", arguments: { id: 8 } });
    expect(text(loop)).toBe("The API redirected posts/8 more than 5 times; giving up.");
  });

  it("refuses an answer over the size bound instead of holding it", async () => {
    expect(text(await server.client.callTool({ name: "get_post", arguments: { id: 9 } }))).toBe("The API's answer for posts/9 is over 200000 bytes; not read.");
  });

  it("returns the API's JSON as structured content", async () => {
    const post = await server.client.callTool({ name: "get_post", arguments: { id: 1 } });
    expect(post.structuredContent).toEqual({ id: 1, userId: 7, title: "Hello", body: "First post" });
    const list = await server.client.callTool({ name: "list_posts", arguments: { userId: 7, limit: 2 } });
    expect(list.structuredContent).toEqual({ posts: [{ id: 1, title: "Post 1" }, { id: 2, title: "Post 2" }] });
  });

  it("turns API failures into messages the model can act on", async () => {
    expect(text(await server.client.callTool({ name: "get_post", arguments: { id: 999 } }))).toContain("Not found: posts/999");
    expect(text(await server.client.callTool({ name: "get_post", arguments: { id: 3 } }))).toBe("The API is rate limiting requests; retry after 30 s.");
    const slow = await server.client.callTool({ name: "get_post", arguments: { id: 2 } });
    expect(slow.isError).toBe(true);
    expect(text(slow)).toBe("The API did not answer within 500 ms; try again later.");
  });

  it("aborts the HTTP request when the client cancels the call", async () => {
    const controller = new AbortController();
    const call = server.client.callTool({ name: "get_post", arguments: { id: 4 } }, undefined, { signal: controller.signal, timeout: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    controller.abort();
    await expect(call).rejects.toThrow();
    await waitFor(() => expect(aborted).toContain("/api/v1/posts/4"), 2000);
  });
});

describe("examples/sqlite", () => {
  let server: ConnectedClient;

  beforeAll(async () => {
    const initSqlJs = (await import("sql.js")).default;
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER)");
    db.run("INSERT INTO users (name, age) VALUES (?, ?), (?, ?), (?, ?)", ["Ada", 36, "Grace", 85, "Linus", null]);
    const file = join(OUT, "tmp-example.sqlite");
    writeFileSync(file, db.export());
    db.close();
    server = await connectStdio(buildExample("sqlite"), { env: { SQLITE_DB: file, SQLITE_QUERY_TIMEOUT_MS: "1000" } });
  });

  afterAll(async () => {
    await server?.close();
  });

  const call = (name: string, args: Record<string, unknown>) => server.client.callTool({ name, arguments: args }, undefined, { timeout: 10_000 });

  it("describes the schema", async () => {
    expect((await call("list_tables", {})).structuredContent).toEqual({
      tables: [
        {
          name: "users",
          columns: [
            { name: "id", type: "INTEGER", notNull: false, primaryKey: true },
            { name: "name", type: "TEXT", notNull: true, primaryKey: false },
            { name: "age", type: "INTEGER", notNull: false, primaryKey: false },
          ],
        },
      ],
    });
  });

  it("runs parameterised queries and returns rows as structured content", async () => {
    const result = await call("query", { sql: "SELECT name, age FROM users WHERE age > ? OR age IS NULL ORDER BY id", params: [40] });
    expect(result.structuredContent).toEqual({ columns: ["name", "age"], rows: [["Grace", 85], ["Linus", null]], truncated: false });
    const limited = await call("query", { sql: "SELECT id FROM users ORDER BY id", maxRows: 2 });
    expect(limited.structuredContent).toEqual({ columns: ["id"], rows: [[1], [2]], truncated: true });
  });

  it("refuses writes, several statements, quoted literals, and reports SQL errors", async () => {
    expect(text(await call("query", { sql: "DELETE FROM users WHERE id = ?", params: [1] }))).toBe("This server is read-only: only queries that read are allowed.");
    expect(text(await call("query", { sql: "SELECT 1; SELECT 2" }))).toBe("Give exactly one statement; got 2.");
    expect(text(await call("query", { sql: "SELECT * FROM users WHERE name = 'Ada'" }))).toContain("? placeholders");
    expect(text(await call("query", { sql: "SELECT * FROM nowhere" }))).toContain("SQLite rejected the query: no such table: nowhere");
    // Nothing was deleted.
    expect((await call("query", { sql: "SELECT count(*) AS n FROM users" })).structuredContent).toMatchObject({ rows: [[3]] });
  });

  it("cannot be made to write: switching query_only off changes nothing, INSERT and DROP TABLE are refused", async () => {
    const pragma = await call("query", { sql: "PRAGMA query_only = OFF" });
    expect(pragma.isError).toBe(true);
    expect(text(pragma)).toBe("This server answers queries only: give a SELECT that returns rows.");
    for (const sql of ["INSERT INTO users (name, age) VALUES (?, ?)", "DROP TABLE users", "CREATE TEMP TABLE t AS SELECT * FROM users", "UPDATE users SET age = ?", "VACUUM"]) {
      const result = await call("query", { sql, params: sql.includes("?") ? ["Eve", 1].slice(0, sql.split("?").length - 1) : [] });
      expect(result.isError, sql).toBe(true);
      expect(text(result), sql).toBe("This server is read-only: only queries that read are allowed.");
    }
    for (const sql of ["ATTACH ? AS other", "BEGIN", "PRAGMA writable_schema = ON"]) {
      const result = await call("query", { sql, params: sql.includes("?") ? [":memory:"] : [] });
      expect(result.isError, sql).toBe(true);
    }
    // Reads that merely look unusual still work: a recursive CTE with a bound, a PRAGMA that reports.
    expect((await call("query", { sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT sum(x) FROM c", params: [10] })).structuredContent).toMatchObject({ rows: [[55]] });
    expect((await call("query", { sql: "SELECT count(*) FROM users" })).structuredContent).toMatchObject({ rows: [[3]] });
    expect((await call("list_tables", {})).structuredContent).toMatchObject({ tables: [{ name: "users" }] });
  });

  it("stops a query that never ends at its time limit while other calls are answered", async () => {
    const started = Date.now();
    const endless = call("query", { sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c" }).then((result) => ({ result, at: Date.now() - started }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The server's own thread is free: it answers at once, while the query runs in its worker.
    await server.client.ping({ timeout: 5000 });
    const pingedAt = Date.now() - started;
    // Another query runs beside it, in a worker of its own.
    const other = await call("query", { sql: "SELECT name FROM users WHERE id = ?", params: [1] });
    expect(other.structuredContent, text(other)).toMatchObject({ rows: [["Ada"]] });
    const { result, at } = await endless;
    expect(result.isError).toBe(true);
    expect(text(result)).toBe("The query ran longer than 1000 ms and was stopped; narrow it down (a WHERE clause, a LIMIT).");
    expect(pingedAt).toBeLessThan(at);
    expect(at).toBeLessThan(5000);
    // The stopped worker is replaced.
    const after = await call("query", { sql: "SELECT count(*) FROM users" });
    expect(after.structuredContent, text(after)).toMatchObject({ rows: [[3]] });
  });
});
