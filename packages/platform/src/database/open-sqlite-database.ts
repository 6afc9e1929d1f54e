import type BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { sqliteCapabilities } from "../sql/sqlite-capabilities.js";
import type { CoreTables } from "./core-tables.js";
import { createSqliteGuard, guardedSqliteDatabase } from "./guarded-sqlite-connection.js";
import { growCacheForWrites, openSqliteConnection } from "./open-sqlite-connection.js";
import type { SpineDatabase, SqlScope } from "./spine-database.js";
import { createSqliteBulkInsert } from "./sqlite-bulk-insert.js";

/** Options for {@link openSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
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
    growCacheForWrites(raw);
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
  const bulkInsert = createSqliteBulkInsert(connection, guard);
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
