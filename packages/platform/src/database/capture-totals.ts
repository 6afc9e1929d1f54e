import { sql } from "kysely";
import type { SqlScope } from "./spine-database.js";

/** What {@link captureTotals} counts besides the rows. */
export interface CaptureTotalsOptions<Summed extends string, Nullable extends string> {
  /** Numeric columns added up exactly, fractional shares included (0 for an empty capture). */
  readonly sum?: readonly Summed[];
  /** Columns whose NULLs are counted. */
  readonly countNull?: readonly Nullable[];
}

/** The counts of {@link captureTotals}. */
export type CaptureTotals<Summed extends string, Nullable extends string> = {
  readonly rows: number;
  readonly nulls: Readonly<Record<Nullable, number>>;
} & Readonly<Record<Summed, number>>;

/**
 * How many rows one capture holds in a captured table (rows keyed by `capture_id`), with the sums
 * of some numeric columns and the NULLs of others: the counts stages record as their row count,
 * metrics and quality checks.
 */
export async function captureTotals<Summed extends string = never, Nullable extends string = never>(
  scope: Pick<SqlScope, "db" | "sql">,
  table: string,
  captureId: string,
  options: CaptureTotalsOptions<Summed, Nullable> = {},
): Promise<CaptureTotals<Summed, Nullable>> {
  const sums = options.sum ?? [];
  const nullable = options.countNull ?? [];
  const columns = [
    sql`count(*) as row_count`,
    ...sums.map(
      (column) => sql`coalesce(${scope.sql.exactSum(sql.ref(column))}, 0) as ${sql.ref(`sum_${column}`)}`,
    ),
    ...nullable.map((column) => sql`count(*) - count(${sql.ref(column)}) as ${sql.ref(`null_${column}`)}`),
  ];
  const result = await sql<Record<string, number | string | null>>`select ${sql.join(columns)}
    from ${sql.table(table)} where capture_id = ${captureId}`.execute(scope.db);
  const row = result.rows[0] ?? {};
  const count = (name: string) => Number(row[name] ?? 0);
  const totals: Record<string, unknown> = { rows: count("row_count") };
  for (const column of sums) totals[column] = count(`sum_${column}`);
  totals.nulls = Object.fromEntries(nullable.map((column) => [column, count(`null_${column}`)]));
  return totals as CaptureTotals<Summed, Nullable>;
}
