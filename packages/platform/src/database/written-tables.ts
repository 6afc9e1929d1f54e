import type pg from "pg";

/**
 * The tables one PostgreSQL transaction wrote enough rows to, to ANALYZE right after it commits. A
 * pipeline's next stage reads what this one wrote seconds later, long before autovacuum refreshes
 * the statistics; planning against "empty" tables turned a 0.1 s snapshot join into 90 s of nested
 * loops. SQLite has no such planner statistics, which is why only this backend needs it.
 *
 * What was written comes from the server's own counts (`pg_stat_xact_user_tables`, read at the
 * transaction's start and end), not from reading SQL text, and a table is analyzed by autovacuum's
 * rule: when the rows written (inserted, updated or deleted) reach 50 plus a tenth of the rows its
 * statistics know (any count for a table never analyzed). A 1-row insert into a large ledger then
 * costs no ANALYZE.
 */
export interface WrittenTables {
  /** Notes, right after BEGIN, the backend's write counts so far. */
  begin(client: pg.PoolClient): Promise<void>;
  /** Reads, inside the transaction before it commits, which tables it wrote enough rows to. */
  collect(client: pg.PoolClient): Promise<void>;
  /** Analyzes the collected tables on `client` (after the commit) and forgets them. */
  analyze(client: pg.PoolClient): Promise<void>;
}

// The backend's inserts, updates and deletes per table (autovacuum counts all three toward an
// ANALYZE: a rollback deleting a capture's million rows leaves statistics as stale as loading
// them), with the rows the planner knows of (reltuples is -1 for a table never analyzed). The
// counts include earlier transactions whose statistics the backend has not flushed yet (PostgreSQL
// 15 flushes at most once a second), so a transaction's own writes are the difference between its
// end and its start. Temporary tables are gone by the commit.
const writeCountsSql = `select x.relid::text as relid, n.nspname as schema_name, c.relname as table_name,
  x.n_tup_ins + x.n_tup_upd + x.n_tup_del as written, c.reltuples
from pg_stat_xact_user_tables x
join pg_class c on c.oid = x.relid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname not like 'pg_temp%' and x.n_tup_ins + x.n_tup_upd + x.n_tup_del > 0`;

interface WriteCount {
  readonly relid: string;
  readonly schema_name: string;
  readonly table_name: string;
  readonly written: string | number;
  readonly reltuples: number;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates an empty {@link WrittenTables}. */
export function createWrittenTables(): WrittenTables {
  let before = new Map<string, number>();
  let tables: string[] = [];
  return {
    async begin(client) {
      const result = await client.query<WriteCount>(writeCountsSql);
      before = new Map(result.rows.map((row) => [row.relid, Number(row.written)]));
    },
    async collect(client) {
      const result = await client.query<WriteCount>(writeCountsSql);
      tables = result.rows
        .filter((row) => {
          const written = Number(row.written) - (before.get(row.relid) ?? 0);
          return written > 0 && (row.reltuples < 0 || written >= 50 + 0.1 * row.reltuples);
        })
        .map((row) => `${quoted(row.schema_name)}.${quoted(row.table_name)}`)
        .sort();
    },
    async analyze(client) {
      // Statistics are an optimisation: a table dropped meanwhile is no reason to fail the work.
      for (const table of tables) await client.query(`ANALYZE ${table}`).catch(() => undefined);
      tables = [];
    },
  };
}
