import pg from "pg";
import { SpineError } from "../errors/spine-error.js";
import { createAdvisoryLockManager } from "../locks/create-advisory-lock-manager.js";
import { postgresCapabilities } from "../sql/postgres-capabilities.js";
import { copyRows } from "./copy-rows.js";
import { createPgTypeParsers } from "./pg-type-parsers.js";
import { kyselyOn, runPostgresTransaction } from "./postgres-transaction.js";
import { redactDatabaseUrl } from "./redact-url.js";
import type { BackendDescription, BulkRows, SpineDatabase } from "./spine-database.js";
import { createWrittenTables } from "./written-tables.js";

/** Options for {@link openPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** A `postgres://` or `postgresql://` URL. */
  readonly url: string;
  /** The most connections the pool opens at once. */
  readonly poolSize: number;
  /** How long to wait for a connection from the pool (or the server) before failing. */
  readonly connectTimeoutMs?: number;
}

const idleTimeoutMs = 10_000;

async function bulkInsertWithPool(pool: pg.Pool, table: string, columns: readonly string[], rows: BulkRows) {
  const client = await pool.connect();
  try {
    // Its own transaction, so the statistics of what it wrote are read as a whole one's are.
    const written = createWrittenTables();
    await client.query("BEGIN");
    try {
      await written.begin(client);
      const copied = await copyRows(client, table, columns, rows);
      await written.collect(client);
      await client.query("COMMIT");
      await written.analyze(client);
      return copied;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
}

async function describePostgres(pool: pg.Pool, url: string, poolSize: number): Promise<BackendDescription> {
  const result = await pool.query<{ version: string; database: string; encoding: string; collation: string }>(
    `select current_setting('server_version') as version, current_database() as database,
            current_setting('server_encoding') as encoding, current_setting('lc_collate') as collation`,
  );
  const row = result.rows[0];
  return {
    dialect: "postgres",
    location: redactDatabaseUrl(url),
    serverVersion: row?.version ?? "unknown",
    settings: {
      pool_size: poolSize,
      pool_idle_timeout_ms: idleTimeoutMs,
      pool_open: pool.totalCount,
      pool_idle: pool.idleCount,
      database: row?.database ?? "",
      server_encoding: row?.encoding ?? "",
      lc_collate: row?.collation ?? "",
      locks: "advisory",
    },
  };
}

async function probe(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpineError("DATABASE", `Cannot connect to PostgreSQL at ${redactDatabaseUrl(url)}: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Opens a pooled connection to PostgreSQL. Bulk inserts use COPY; a transaction runs on one
 * dedicated client (BEGIN/COMMIT/ROLLBACK) whose Kysely handle and COPY both join it; partition
 * locks are advisory locks, so they hold across machines sharing the server.
 */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<SpineDatabase> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    idleTimeoutMillis: idleTimeoutMs,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 30_000,
    types: createPgTypeParsers(),
  });
  // An idle client that loses its server connection emits 'error'; unhandled, it would crash the process.
  pool.on("error", () => undefined);
  await probe(pool, options.url);
  const db = kyselyOn(pool);
  const locks = createAdvisoryLockManager({ url: options.url, db });
  return {
    dialect: "postgres",
    db,
    sql: postgresCapabilities,
    bulkInsert: (table, columns, rows) => bulkInsertWithPool(pool, table, columns, rows),
    transaction: (work) => runPostgresTransaction(pool, work),
    describe: () => describePostgres(pool, options.url, options.poolSize),
    locks,
    close: () => db.destroy(),
  };
}
