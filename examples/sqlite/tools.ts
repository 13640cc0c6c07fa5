// A read-only SQLite query server over the database file SQLITE_DB, using
// sql.js (SQLite compiled to WebAssembly: installs from the npm registry with
// no native build and no binary download). Queries are parameterised: values
// travel in `params` and bind to `?` placeholders, never spliced into SQL.
// SQLite runs in worker threads (query-worker.ts): a query that runs past its
// time limit is stopped by terminating its worker, and the server answers
// other calls meanwhile.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { ToolError, type Context } from "mcpc/runtime";
import type { Cell, Column, QueryReply, QueryRequest, QueryResult, QueryWorkerData, SchemaResult } from "./query-worker.js";

/** How long one query may run before its worker is terminated. */
const QUERY_TIMEOUT_MS = Number(process.env.SQLITE_QUERY_TIMEOUT_MS ?? 5_000);
/** Queries running at once; more wait for a free worker. */
const MAX_WORKERS = 4;
/** Idle workers kept for the next query (starting one costs tens of milliseconds). */
const MAX_IDLE_WORKERS = 2;

let fileBytes: Uint8Array | undefined;

/** The database file, read once: the workers get copies of these bytes, and nothing is ever written back. */
function databaseBytes(): Uint8Array {
  if (fileBytes !== undefined) return fileBytes;
  const path = process.env.SQLITE_DB;
  if (!path) throw new ToolError("No database configured: start the server with SQLITE_DB=/path/to/file.sqlite.");
  try {
    fileBytes = readFileSync(path);
  } catch (error) {
    throw new ToolError(`Cannot open the database '${path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  return fileBytes;
}

const idle: Worker[] = [];
const waiting: Array<() => void> = [];
let running = 0;

/** How long a new worker may take to load SQLite (slow on a busy machine, and not counted against the query). */
const WORKER_START_TIMEOUT_MS = 30_000;

async function acquireWorker(): Promise<Worker> {
  while (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const worker = idle.pop() ?? (await startWorker());
    worker.ref();
    return worker;
  } catch (error) {
    running--;
    waiting.shift()?.();
    throw error;
  }
}

/** A new worker, once it has loaded SQLite and said so. */
function startWorker(): Promise<Worker> {
  const data: QueryWorkerData = { database: databaseBytes() };
  const worker = new Worker(new URL("./query-worker.js", import.meta.url), { workerData: data });
  return new Promise<Worker>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      worker.off("message", ready).off("error", onError).off("exit", onExit);
      void worker.terminate();
      reject(new ToolError(`The SQLite worker did not start: ${reason}.`));
    };
    const timer = setTimeout(() => fail(`no answer within ${WORKER_START_TIMEOUT_MS} ms`), WORKER_START_TIMEOUT_MS);
    const onError = (error: Error) => fail(error.message);
    const onExit = (code: number) => fail(`it exited with code ${code}`);
    const ready = () => {
      clearTimeout(timer);
      worker.off("error", onError).off("exit", onExit);
      resolve(worker);
    };
    worker.once("message", ready).once("error", onError).once("exit", onExit);
  });
}

function releaseWorker(worker: Worker, healthy: boolean): void {
  running--;
  if (healthy && idle.length < MAX_IDLE_WORKERS) {
    worker.unref(); // an idle worker does not keep the server running
    idle.push(worker);
  } else {
    void worker.terminate();
  }
  waiting.shift()?.();
}

/** Sends one request to a worker; terminates the worker if the time limit passes or the call is cancelled first. */
async function ask(request: QueryRequest, ctx: Context): Promise<QueryResult | SchemaResult> {
  if (ctx.signal.aborted) throw new ToolError("The query was cancelled.");
  const worker = await acquireWorker();
  let healthy = false;
  try {
    const reply = await new Promise<QueryReply>((resolve, reject) => {
      // Every outcome detaches every listener, so an idle worker keeps nothing of this call.
      const settle = (outcome: () => void) => () => {
        clearTimeout(timer);
        ctx.signal.removeEventListener("abort", onAbort);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        outcome();
      };
      const timer = setTimeout(settle(() => reject(new ToolError(`The query ran longer than ${QUERY_TIMEOUT_MS} ms and was stopped; narrow it down (a WHERE clause, a LIMIT).`))), QUERY_TIMEOUT_MS);
      const onAbort = settle(() => reject(new ToolError("The query was cancelled.")));
      const onError = (error: Error) => settle(() => reject(new ToolError(`The query failed: ${error.message}.`)))();
      const onExit = settle(() => reject(new ToolError("The query failed: the SQLite worker stopped.")));
      const onMessage = (message: QueryReply) => settle(() => resolve(message))();
      ctx.signal.addEventListener("abort", onAbort, { once: true });
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage(request);
    });
    healthy = true;
    if (!reply.ok) throw new ToolError(reply.message);
    return reply.value;
  } finally {
    releaseWorker(worker, healthy);
  }
}

/** List the database's tables and their columns: read this before writing a query. */
export async function list_tables(ctx: Context): Promise<{ tables: Array<{ name: string; columns: Column[] }> }> {
  return (await ask({ kind: "schema" }, ctx)) as SchemaResult;
}

/**
 * Run one read-only SQL query. Put every value in `params` and write `?` in the SQL where it goes.
 * @param sql One SELECT (or WITH … SELECT) statement, e.g. 'SELECT name FROM users WHERE age > ?'.
 * @param params The values for the `?` placeholders, in order.
 * @param maxRows Return at most this many rows.
 */
export async function query(
  sql: string,
  params: Cell[] = [],
  /** @integer @minimum 1 @maximum 1000 */ maxRows: number = 100,
  ctx: Context,
): Promise<{ columns: string[]; rows: Cell[][]; truncated: boolean }> {
  if (/'/.test(sql)) throw new ToolError("Write values as ? placeholders and pass them in params; quoted literals are not accepted in the SQL.");
  return (await ask({ kind: "query", sql, params, maxRows }, ctx)) as QueryResult;
}
