import type { SqlScope } from "../database/spine-database.js";

const pageSize = 5_000;

/** The column names of a table, in its order, read from one row of a capture (none: empty). */
export async function columnsOfCaptureRows(scope: SqlScope, table: string, captureId: string) {
  const first = await scope.db
    .withTables<Record<string, { capture_id: string }>>()
    .selectFrom(table)
    .selectAll()
    .where("capture_id", "=", captureId)
    .limit(1)
    .executeTakeFirst();
  return first ? Object.keys(first) : [];
}

/**
 * A capture's rows of one table as value arrays in `columns` order, a page at a time and in a
 * stable order (`orderColumns`), so the same rows always come out the same way.
 */
export async function* captureRowValues(
  scope: SqlScope,
  target: { readonly table: string; readonly captureId: string },
  columns: readonly string[],
  orderColumns: readonly string[],
): AsyncGenerator<readonly unknown[]> {
  for (let offset = 0; ; offset += pageSize) {
    let query = scope.db
      .withTables<Record<string, Record<string, unknown> & { capture_id: string }>>()
      .selectFrom(target.table)
      .selectAll()
      .where("capture_id", "=", target.captureId);
    for (const column of orderColumns) query = query.orderBy(column);
    const page = await query.limit(pageSize).offset(offset).execute();
    for (const row of page) yield columns.map((column) => (row as Record<string, unknown>)[column] ?? null);
    if (page.length < pageSize) return;
  }
}
