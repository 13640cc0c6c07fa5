// The SQLite side of examples/sqlite, run in a worker thread. sql.js runs
// synchronously, so a query that never ends (a recursive CTE) would hold the
// server's only thread for good; in a worker, the server can terminate it.
//
// Read-only by construction, in two layers that do not lean on each other:
// - Every request gets its own connection to a fresh in-memory copy of the
//   database file, closed afterwards. Whatever a statement manages to change
//   (rows, schema, PRAGMAs, ATTACHed databases) dies with that connection, and
//   the file on disk is never opened for writing at all.
// - A statement runs only if SQLite compiles it into a program that writes
//   nothing and returns rows. SQLite is asked, not a regular expression:
//   `EXPLAIN` lists the program's opcodes, and the ones that write are those
//   SQLite itself counts against sqlite3_stmt_readonly() (a write transaction,
//   VACUUM, a journal-mode change, a checkpoint) plus every write cursor and
//   virtual-table update. Statements that change the connection rather than
//   the file (PRAGMA settings, ATTACH, BEGIN) return no rows, so they fail the
//   second test; a PRAGMA can act while it is being compiled, which is why it
//   only ever meets a throwaway connection.
import { parentPort, workerData } from "node:worker_threads";
import initSqlJs, { type Database, type SqlValue } from "sql.js";

export type Cell = string | number | null;

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

export type QueryRequest = { kind: "schema" } | { kind: "query"; sql: string; params: Cell[]; maxRows: number };

export interface QueryResult {
  columns: string[];
  rows: Cell[][];
  truncated: boolean;
}

export interface SchemaResult {
  tables: Array<{ name: string; columns: Column[] }>;
}

/** `message` is meant for the model: the main thread hands it on as a ToolError. */
export type QueryReply = { ok: true; value: QueryResult | SchemaResult } | { ok: false; message: string };

/** What the main thread passes when it starts the worker. */
export interface QueryWorkerData {
  /** The database file's bytes, read once by the main thread. */
  database: Uint8Array;
}

/** Opcodes of a program that writes (see the top of this file). */
const WRITING_OPCODES = new Set(["OpenWrite", "Vacuum", "JournalMode", "Checkpoint", "VUpdate", "AutoCommit", "Savepoint"]);

class Refusal extends Error {}

const SQL = await initSqlJs();
const { database } = workerData as QueryWorkerData;

function withConnection<T>(use: (db: Database) => T): T {
  const db = new SQL.Database(database);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** Refuses anything but exactly one statement that SQLite compiles to a program that only reads and returns rows. */
function checkReadOnlyQuery(db: Database, sql: string): void {
  let count = 0;
  for (const compiled of db.iterateStatements(sql)) {
    count++;
    compiled.free();
  }
  if (count !== 1) throw new Refusal(`Give exactly one statement; got ${count}.`);
  const program = db.prepare(`EXPLAIN ${sql}`);
  try {
    if (program.getColumnNames()[1] !== "opcode") throw new Refusal("Give one SELECT statement.");
    while (program.step()) {
      const [, opcode, , p2] = program.get();
      if (WRITING_OPCODES.has(String(opcode)) || (opcode === "Transaction" && p2 !== 0)) {
        throw new Refusal("This server is read-only: only queries that read are allowed.");
      }
    }
  } finally {
    program.free();
  }
}

function runQuery(sql: string, params: Cell[], maxRows: number): QueryResult {
  return withConnection((db) => {
    checkReadOnlyQuery(db, sql);
    const statement = db.prepare(sql);
    try {
      const columns = statement.getColumnNames();
      if (columns.length === 0) throw new Refusal("This server answers queries only: give a SELECT that returns rows.");
      statement.bind(params);
      const rows: Cell[][] = [];
      let truncated = false;
      while (statement.step()) {
        if (rows.length === maxRows) {
          truncated = true;
          break;
        }
        rows.push(statement.get().map(cellOf));
      }
      return { columns, rows, truncated };
    } finally {
      statement.free();
    }
  });
}

function readSchema(): SchemaResult {
  return withConnection((db) => {
    const names = db.exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")[0]?.values ?? [];
    return {
      tables: names.map(([name]) => {
        const info = db.exec("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", [String(name)])[0]?.values ?? [];
        return {
          name: String(name),
          columns: info.map((c) => ({ name: String(c[0]), type: String(c[1]), notNull: c[2] === 1, primaryKey: Number(c[3]) > 0 })),
        };
      }),
    };
  });
}

function cellOf(value: SqlValue): Cell {
  return value instanceof Uint8Array ? Buffer.from(value).toString("base64") : (value as Cell);
}

/** sql.js throws Errors, and occasionally plain strings. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function answer(request: QueryRequest): QueryReply {
  try {
    return { ok: true, value: request.kind === "schema" ? readSchema() : runQuery(request.sql, request.params, request.maxRows) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    return { ok: false, message: `SQLite rejected the query: ${messageOf(error)}.` };
  }
}

parentPort?.on("message", (request: QueryRequest) => parentPort!.postMessage(answer(request)));
// The first message says SQLite is loaded: the query's time limit starts after it.
parentPort?.postMessage({ ready: true });
