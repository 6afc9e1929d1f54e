import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { SpineError } from "../errors/spine-error.js";
import { createAdvisoryLockManager } from "../locks/create-advisory-lock-manager.js";
import { copyRows } from "./copy-rows.js";
import type { CoreTables } from "./core-tables.js";
import { createPgTypeParsers } from "./pg-type-parsers.js";
import { redactDatabaseUrl } from "./redact-url.js";
import type { SerialQueue } from "./serial-queue.js";
import { createSerialQueue } from "./serial-queue.js";
import type { BackendDescription, BulkRows, SpineDatabase, SqlScope } from "./spine-database.js";

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

// Kysely wants a pool; inside a transaction every query must go to the one client that ran BEGIN,
// so this pool hands out that client and never really releases it. Pipelines may issue queries
// concurrently (Promise.all); pg would queue them but deprecates that, so they are chained here.
function singleClientPool(
  client: pg.PoolClient,
  serial: SerialQueue,
): ConstructorParameters<typeof PostgresDialect>[0]["pool"] {
  const query = (...args: unknown[]) =>
    serial.run(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
  const lease = { query, release: () => undefined };
  return { connect: async () => lease, end: async () => undefined } as never;
}

function kyselyOn(pool: ConstructorParameters<typeof PostgresDialect>[0]["pool"]): Kysely<CoreTables> {
  return new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
}

async function bulkInsertWithPool(pool: pg.Pool, table: string, columns: readonly string[], rows: BulkRows) {
  const client = await pool.connect();
  try {
    return await copyRows(client, table, columns, rows);
  } finally {
    client.release();
  }
}

async function runTransaction<T>(pool: pg.Pool, work: (scope: SqlScope) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query("BEGIN");
    const serial = createSerialQueue();
    const scope: SqlScope = {
      dialect: "postgres",
      db: kyselyOn(singleClientPool(client, serial)),
      bulkInsert: (table, columns, rows) => serial.run(() => copyRows(client, table, columns, rows)),
    };
    try {
      const result = await work(scope);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    // A client whose rollback failed is in an unknown state: destroy it instead of reusing it.
    client.release(broken instanceof Error ? broken : undefined);
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
    bulkInsert: (table, columns, rows) => bulkInsertWithPool(pool, table, columns, rows),
    transaction: (work) => runTransaction(pool, work),
    describe: () => describePostgres(pool, options.url, options.poolSize),
    locks,
    close: () => db.destroy(),
  };
}
