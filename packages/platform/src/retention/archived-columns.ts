import type { SqlScope } from "../database/spine-database.js";

/** Which archived columns a table still has, and where their values sit in an archived row. */
export interface ArchivedColumnsNow {
  readonly columns: readonly string[];
  /** Null when every archived column is still there: rows go back as they were written. */
  readonly positions: readonly number[] | null;
}

/**
 * An archive outlives migrations: a column a later migration dropped (OTC 0009 dropped
 * otc_raw_rows.record_hash) is left out when its rows come back, since the table no longer holds
 * it. A column added since takes its default, as it did for the rows that stayed.
 */
export async function archivedColumnsNow(
  scope: SqlScope,
  table: string,
  archived: readonly string[],
): Promise<ArchivedColumnsNow> {
  const tables = await scope.db.introspection.getTables();
  const current = new Set(tables.find((candidate) => candidate.name === table)?.columns.map((c) => c.name));
  if (archived.every((column) => current.has(column))) return { columns: archived, positions: null };
  const kept = archived.filter((column) => current.has(column));
  return { columns: kept, positions: kept.map((column) => archived.indexOf(column)) };
}

/** An archived row with only the values of the columns its table still has. */
export function keptValues(row: readonly unknown[], positions: readonly number[] | null): readonly unknown[] {
  return positions === null ? row : positions.map((position) => row[position]);
}
