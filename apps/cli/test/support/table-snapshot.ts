import type { SpineDatabase } from "@spine/platform";
import { sql } from "@spine/platform";

// Ids, times and run metrics differ between any two runs of the same files, so they are left
// out; every other column must match, lineage included: a capture's tier, week, stage, calc name
// and version, capture number and row count (core_captures, and the views that join them to rows).
const runIdentityColumn = /^(id|capture_id|input_capture_id|execution_id|batch_id|metrics|owner)$|_at$/;

/** The platform tables whose rows an in-process and a queued run must share. */
const coreTables = ["core_manifest", "core_rejects", "core_quality", "core_captures"];

// The `_rows` tables hold a capture's rows without its tier or week; the views users query join
// them to their captures, so a row filed under the wrong week or calc version shows there.
async function domainTables(database: SpineDatabase): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type in ('BASE TABLE', 'VIEW')
      and (table_name like 'otc\\_%' or table_name like 'ats\\_%')
    order by table_name`.execute(database.db);
  return [...result.rows.map((row) => row.table_name), ...coreTables];
}

async function comparedColumns(database: SpineDatabase, table: string): Promise<string[]> {
  const result = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(
    database.db,
  );
  return result.rows.map((row) => row.column_name).filter((name) => !runIdentityColumn.test(name));
}

// Stages sum doubles in the order PostgreSQL scans rows, which follows where concurrent writers
// put them: the last bit of a mean (or of a sum quoted in a check's message) may differ between
// two runs that wrote partitions in another order, in process or queued alike. Twelve significant
// digits keep every real difference and drop that one.
const longDecimal = /\d+\.\d{12,}/g;

function roundDouble(value: number): number {
  return Number(value.toPrecision(12));
}

function comparable(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? value : roundDouble(value);
  if (typeof value === "string")
    return value.replace(longDecimal, (text) => String(roundDouble(Number(text))));
  return value;
}

function rowText(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, comparable(value)])),
  );
}

/**
 * Every domain table's and view's rows (and the manifest, rejects, quality and capture rows)
 * without the columns naming a run (ids, timestamps, metrics), each as sorted JSON lines: two snapshots are equal when the tables are, row for
 * row, duplicates included.
 */
export async function snapshotTables(database: SpineDatabase): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of await domainTables(database)) {
    const columns = await comparedColumns(database, table);
    const list = sql.join(columns.map((column) => sql.ref(column)));
    const result = await sql<Record<string, unknown>>`select ${list} from ${sql.table(table)}`.execute(
      database.db,
    );
    snapshot[table] = result.rows.map(rowText).sort();
  }
  return snapshot;
}

/** Per table whose rows differ between two snapshots, a few rows only one of them has. */
export function differingTables(
  expected: Record<string, string[]>,
  actual: Record<string, string[]>,
): Record<string, { missing: string[]; unexpected: string[] }> {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
  const differences: Record<string, { missing: string[]; unexpected: string[] }> = {};
  for (const table of tables) {
    const [want, got] = [expected[table] ?? [], actual[table] ?? []];
    if (JSON.stringify(want) === JSON.stringify(got)) continue;
    const missing = want.filter((row) => !got.includes(row)).slice(0, 5);
    const unexpected = got.filter((row) => !want.includes(row)).slice(0, 5);
    differences[table] = { missing, unexpected };
  }
  return differences;
}
