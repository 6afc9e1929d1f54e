import { sql } from "kysely";
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
 * stable order. With `keyColumns` (unique within a capture) each page seeks past the last key read,
 * so a capture of any size is read in linear time; without, pages go by offset in the order of
 * every column.
 */
export async function* captureRowValues(
  scope: SqlScope,
  target: { readonly table: string; readonly captureId: string },
  columns: readonly string[],
  keyColumns: readonly string[] | undefined,
): AsyncGenerator<readonly unknown[]> {
  const orderColumns = keyColumns ?? columns;
  let after: readonly unknown[] | null = null;
  for (let offset = 0; ; offset += pageSize) {
    let query = scope.db
      .withTables<Record<string, Record<string, unknown> & { capture_id: string }>>()
      .selectFrom(target.table)
      .selectAll()
      .where("capture_id", "=", target.captureId);
    if (keyColumns !== undefined && after !== null) query = query.where(pastKey(keyColumns, after));
    for (const column of orderColumns) query = query.orderBy(column);
    if (keyColumns === undefined) query = query.offset(offset);
    const page = (await query.limit(pageSize).execute()) as Record<string, unknown>[];
    for (const row of page) yield columns.map((column) => row[column] ?? null);
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return;
    after = orderColumns.map((column) => last[column]);
  }
}

// (k1, k2, ...) > (v1, v2, ...): a row value comparison, which both backends answer from the key.
function pastKey(keyColumns: readonly string[], after: readonly unknown[]) {
  const keys = sql.join(keyColumns.map((column) => sql.ref(column)));
  return sql<boolean>`(${keys}) > (${sql.join(after.map((value) => sql`${value}`))})`;
}
