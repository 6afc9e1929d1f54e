import { sql } from "kysely";
import type { SqlScope } from "./spine-database.js";

/**
 * How many rows one capture holds in a captured table (rows keyed by `capture_id`), with the sums
 * of some of its numeric columns (0 for an empty capture): the counts stages record as their row
 * count, metrics and reconciliation checks.
 */
export async function captureTotals<Column extends string = never>(
  scope: Pick<SqlScope, "db">,
  table: string,
  captureId: string,
  sums: readonly Column[] = [],
): Promise<{ readonly rows: number } & Readonly<Record<Column, number>>> {
  const summed = sums.map((column) => sql`, coalesce(sum(${sql.ref(column)}), 0) as ${sql.ref(column)}`);
  const result = await sql<Record<string, number | string | null>>`select count(*) as row_count${sql.join(
    summed,
    sql``,
  )} from ${sql.table(table)} where capture_id = ${captureId}`.execute(scope.db);
  const row = result.rows[0] ?? {};
  const totals: Record<string, number> = { rows: Number(row.row_count ?? 0) };
  for (const column of sums) totals[column] = Number(row[column] ?? 0);
  return totals as { readonly rows: number } & Readonly<Record<Column, number>>;
}
