import type BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { sqliteCapabilities } from "../sql/sqlite-capabilities.js";
import { chunkRows, toSqlValue } from "./bulk-values.js";
import type { CoreTables } from "./core-tables.js";
import type { SqliteGuard } from "./guarded-sqlite-connection.js";
import { createSqliteGuard, guardedSqliteDatabase } from "./guarded-sqlite-connection.js";
import { openSqliteConnection } from "./open-sqlite-connection.js";
import type { BulkRows, SpineDatabase, SqlScope } from "./spine-database.js";

/** Options for {@link openSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
}

// SQLite accepts at most 32766 bound variables per statement; 200 rows keeps every table under it.
const rowsPerStatement = 200;

// A name inside double quotes, its own double quotes doubled: any table or column name is then
// one identifier, never SQL.
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function createBulkInsert(connection: BetterSqlite3.Database, guard: SqliteGuard) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statementFor = (table: string, columns: readonly string[], rowCount: number) => {
    // JSON keeps names apart that a plain join would run together ("a,b" and "a", "b").
    const key = JSON.stringify([table, columns, rowCount]);
    let statement = statements.get(key);
    if (!statement) {
      const placeholders = `(${columns.map(() => "?").join(",")})`;
      const values = Array.from({ length: rowCount }, () => placeholders).join(",");
      const quoted = columns.map(quoteIdentifier).join(",");
      statement = guard.run(() =>
        connection.prepare(`INSERT INTO ${quoteIdentifier(table)} (${quoted}) VALUES ${values}`),
      );
      statements.set(key, statement);
    }
    return statement;
  };
  return async (table: string, columns: readonly string[], rows: BulkRows): Promise<number> => {
    let written = 0;
    for await (const chunk of chunkRows(rows, rowsPerStatement)) {
      const parameters: unknown[] = new Array(chunk.length * columns.length);
      let index = 0;
      for (const row of chunk) {
        if (row.length !== columns.length) {
          throw new Error(
            `bulkInsert into ${table}: a row has ${row.length} values for ${columns.length} columns`,
          );
        }
        for (let column = 0; column < columns.length; column += 1)
          parameters[index++] = toSqlValue(row[column]);
      }
      // Spread arguments bind about 20% faster than one array argument in better-sqlite3.
      const statement = statementFor(table, columns, chunk.length);
      guard.run(() => statement.run(...parameters));
      written += chunk.length;
    }
    return written;
  };
}

// BEGIN IMMEDIATE takes the write lock up front, so a second process waits on busy_timeout
// instead of failing with SQLITE_BUSY when its read snapshot goes stale mid-transaction. SQLite
// rolls back by itself on some errors (SQLITE_FULL among them): a second rollback would fail with
// "no transaction is active" and hide the real error, so it is issued only when one is open.
function runImmediateTransaction<T>(
  db: Kysely<CoreTables>,
  raw: BetterSqlite3.Database,
  work: (connection: Kysely<CoreTables>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      if (raw.inTransaction) await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

/**
 * Opens (creating if needed) a SQLite file with WAL, a busy timeout and foreign keys on. Bulk
 * inserts bypass the query builder but share its single connection, so they join its transactions.
 */
export function openSqliteDatabase(options: SqliteDatabaseOptions): SpineDatabase {
  const opened = openSqliteConnection(options.path, options.busyTimeoutMs);
  const { connection } = opened;
  const guard = createSqliteGuard(connection, {
    path: options.path,
    busyTimeoutMs: options.busyTimeoutMs,
    readOnlyReason: opened.readOnlyReason,
  });
  const database = guardedSqliteDatabase(connection, guard);
  const db = new Kysely<CoreTables>({
    dialect: new SqliteDialect({ database: { ...database, close: () => opened.close() } }),
  });
  const bulkInsert = createBulkInsert(connection, guard);
  const scopeOf = (handle: Kysely<CoreTables>, inTransaction: boolean): SqlScope => ({
    dialect: "sqlite",
    db: handle,
    sql: sqliteCapabilities,
    bulkInsert,
    inTransaction,
  });
  return {
    ...scopeOf(db, false),
    transaction: (work) => runImmediateTransaction(db, connection, (scoped) => work(scopeOf(scoped, true))),
    describe: async () => ({
      dialect: "sqlite",
      location: options.path,
      serverVersion: String(connection.prepare("select sqlite_version() as version").pluck().get()),
      settings: {
        journal_mode: String(connection.pragma("journal_mode", { simple: true })),
        ...(opened.readOnlyReason === undefined ? {} : { read_only: opened.readOnlyReason }),
        busy_timeout_ms: Number(connection.pragma("busy_timeout", { simple: true })),
      },
    }),
    close: () => db.destroy(),
  };
}
