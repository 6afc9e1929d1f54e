import type { SqlScope } from "../database/spine-database.js";

/** Which archived columns a table still has, and where their values sit in an archived row. */
export interface ArchivedColumnsNow {
  readonly columns: readonly string[];
  /** Null when every archived column is still there: rows go back as they were written. */
  readonly positions: readonly number[] | null;
  /** Archived columns the table no longer has, whose values stay in the archive file. */
  readonly leftOut: readonly string[];
}

/** The columns of each table now, read once per restore (introspection lists every table). */
export function createTableColumns(scope: SqlScope): (table: string) => Promise<ReadonlySet<string>> {
  let tables: Promise<Map<string, Set<string>>> | null = null;
  return async (table) => {
    tables ??= scope.db.introspection
      .getTables()
      .then(
        (found) => new Map(found.map((entry) => [entry.name, new Set(entry.columns.map((c) => c.name))])),
      );
    return (await tables).get(table) ?? new Set();
  };
}

/**
 * An archive outlives migrations: a column a later migration dropped (OTC 0009 dropped
 * otc_raw_rows.record_hash) is left out when its rows come back, since the table no longer holds
 * it, and reported. A column added since takes its default, as it did for the rows that stayed.
 */
export function archivedColumnsNow(
  current: ReadonlySet<string>,
  archived: readonly string[],
): ArchivedColumnsNow {
  if (archived.every((column) => current.has(column)))
    return { columns: archived, positions: null, leftOut: [] };
  const kept = archived.filter((column) => current.has(column));
  const leftOut = archived.filter((column) => !current.has(column));
  return { columns: kept, positions: kept.map((column) => archived.indexOf(column)), leftOut };
}

/** An archived row with only the values of the columns its table still has. */
export function keptValues(row: readonly unknown[], positions: readonly number[] | null): readonly unknown[] {
  return positions === null ? row : positions.map((position) => row[position]);
}
