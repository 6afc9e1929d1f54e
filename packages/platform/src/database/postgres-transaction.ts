import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import Cursor from "pg-cursor";
import { postgresCapabilities } from "../sql/postgres-capabilities.js";
import { copyRows } from "./copy-rows.js";
import type { CoreTables } from "./core-tables.js";
import type { SerialQueue } from "./serial-queue.js";
import { createSerialQueue } from "./serial-queue.js";
import type { SqlScope } from "./spine-database.js";
import type { WrittenTables } from "./written-tables.js";
import { createWrittenTables } from "./written-tables.js";

/** What Kysely's PostgresDialect accepts as a pool. */
export type KyselyPool = ConstructorParameters<typeof PostgresDialect>[0]["pool"];

/**
 * A Kysely handle over a pg pool (or anything shaped like one). With pg-cursor, `.stream()` reads
 * a result in batches on PostgreSQL as it does on SQLite, instead of holding every row at once.
 */
export function kyselyOn(pool: KyselyPool): Kysely<CoreTables> {
  return new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
}

// Kysely wants a pool; inside a transaction every query must go to the one client that ran BEGIN,
// so this pool hands out that client and never really releases it. Pipelines may issue queries
// concurrently (Promise.all); pg would queue them but deprecates that, so they are chained here.
function singleClientPool(client: pg.PoolClient, serial: SerialQueue): KyselyPool {
  const send = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const query = (...args: unknown[]) => serial.run(() => send(...args));
  const lease = { query, release: () => undefined };
  return { connect: async () => lease, end: async () => undefined } as never;
}

async function commitOrRollback<T>(
  client: pg.PoolClient,
  work: () => Promise<T>,
  written: WrittenTables,
): Promise<T> {
  await client.query("BEGIN");
  try {
    await written.begin(client);
    const result = await work();
    await written.collect(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      // The client is in an unknown state: mark it so the caller destroys it instead of reusing it.
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), {
        brokenClient: rollbackError,
      });
    }
    throw error;
  }
}

/**
 * Runs `work` in one transaction on a dedicated pool client: its Kysely handle and its COPY bulk
 * loads both go to that client, so everything commits or rolls back together. Tables it wrote
 * enough rows to are analyzed after the commit (see written-tables.ts).
 */
export async function runPostgresTransaction<T>(
  pool: pg.Pool,
  work: (scope: SqlScope) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const serial = createSerialQueue();
    const written = createWrittenTables();
    const scope: SqlScope = {
      dialect: "postgres",
      db: kyselyOn(singleClientPool(client, serial)),
      sql: postgresCapabilities,
      bulkInsert: (table, columns, rows) => serial.run(() => copyRows(client, table, columns, rows)),
      inTransaction: true,
    };
    const result = await commitOrRollback(client, () => work(scope), written);
    await written.analyze(client);
    return result;
  } catch (error) {
    const rollbackError = (error as { brokenClient?: unknown }).brokenClient;
    if (rollbackError !== undefined)
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
