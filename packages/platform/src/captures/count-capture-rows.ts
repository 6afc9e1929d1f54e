import type { SqlScope } from "../database/spine-database.js";

/** How many rows of a captured table belong to the given captures. */
export async function countCaptureRows(
  scope: SqlScope,
  table: string,
  captureIds: readonly string[],
): Promise<number> {
  const row = await scope.db
    .withTables<Record<string, { capture_id: string }>>()
    .selectFrom(table)
    .select((expression) => expression.fn.countAll<number | string>().as("rows"))
    .where("capture_id", "in", captureIds)
    .executeTakeFirst();
  return Number(row?.rows ?? 0);
}
