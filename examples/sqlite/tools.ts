// A read-only SQLite query server over the database file SQLITE_DB, using
// sql.js (SQLite compiled to WebAssembly: installs from the npm registry with
// no native build and no binary download). Queries are parameterised: values
// travel in `params` and bind to `?` placeholders, never spliced into SQL.
import { readFileSync } from "node:fs";
import initSqlJs, { type Database } from "sql.js";
import { ToolError } from "mcpc/runtime";

let opened: Promise<Database> | undefined;

/** Opens the database once, read-only: the file is read into memory and SQLite refuses writes (query_only). */
function database(): Promise<Database> {
  opened ??= (async () => {
    const path = process.env.SQLITE_DB;
    if (!path) throw new ToolError("No database configured: start the server with SQLITE_DB=/path/to/file.sqlite.");
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new ToolError(`Cannot open the database '${path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    const SQL = await initSqlJs();
    const db = new SQL.Database(bytes);
    db.exec("PRAGMA query_only = ON");
    return db;
  })();
  opened.catch(() => (opened = undefined));
  return opened;
}

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

/** List the database's tables and their columns: read this before writing a query. */
export async function list_tables(): Promise<{ tables: Array<{ name: string; columns: Column[] }> }> {
  const db = await database();
  const names = db.exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")[0]?.values ?? [];
  return {
    tables: names.map(([name]) => {
      const info = db.exec(`PRAGMA table_info(${JSON.stringify(String(name))})`)[0]?.values ?? [];
      return {
        name: String(name),
        columns: info.map((c) => ({ name: String(c[1]), type: String(c[2]), notNull: c[3] === 1, primaryKey: Number(c[5]) > 0 })),
      };
    }),
  };
}

type Cell = string | number | null;

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
): Promise<{ columns: string[]; rows: Cell[][]; truncated: boolean }> {
  if (/'/.test(sql)) throw new ToolError("Write values as ? placeholders and pass them in params; quoted literals are not accepted in the SQL.");
  const db = await database();
  // Count the statements first (each compiled one is freed at once), then prepare the only one.
  let count = 0;
  let statement;
  try {
    for (const compiled of db.iterateStatements(sql)) {
      count++;
      compiled.free();
    }
    if (count === 1) statement = db.prepare(sql);
  } catch (error) {
    throw new ToolError(`SQLite rejected the query: ${messageOf(error)}.`);
  }
  if (statement === undefined) throw new ToolError(`Give exactly one statement; got ${count}.`);
  try {
    statement.bind(params);
    const rows: Cell[][] = [];
    let truncated = false;
    while (statement.step()) {
      if (rows.length === maxRows) {
        truncated = true;
        break;
      }
      rows.push(statement.get().map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : (v as Cell))));
    }
    return { columns: statement.getColumnNames(), rows, truncated };
  } catch (error) {
    const message = messageOf(error);
    if (/readonly|query_only/i.test(message)) throw new ToolError("This server is read-only: only queries that read are allowed.");
    throw new ToolError(`SQLite rejected the query: ${message}.`);
  } finally {
    statement.free();
  }
}

/** sql.js throws Errors, and occasionally plain strings. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
