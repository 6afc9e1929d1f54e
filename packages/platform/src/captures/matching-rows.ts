import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";

/** How many of a capture's rows another capture holds as well (equal in every compared column). */
export interface MatchingRows {
  readonly captureId: string;
  readonly matching: number;
}

/**
 * Counts, per candidate capture, the rows of `captureId` in `table` that the candidate holds with
 * equal values in every one of `columns`: a new partition whose rows nearly all match an older
 * one's is likely the same data under another name (a republication placed under a new date).
 * Table and column names come from declarations, never from users.
 */
export async function countMatchingRows(
  scope: SqlScope,
  target: {
    readonly table: string;
    readonly captureId: string;
    readonly candidates: readonly string[];
    readonly columns: readonly string[];
  },
): Promise<MatchingRows[]> {
  if (target.candidates.length === 0 || target.columns.length === 0) return [];
  const equal = sql.join(
    target.columns.map((column) => sql`o.${sql.ref(column)} = m.${sql.ref(column)}`),
    sql` and `,
  );
  const candidates = sql.join(target.candidates.map((id) => sql`${id}`));
  const result = await sql<{ capture_id: string; matching: number | string }>`
    select o.capture_id, count(*) as matching
    from ${sql.table(target.table)} m
    join ${sql.table(target.table)} o on o.capture_id in (${candidates}) and ${equal}
    where m.capture_id = ${target.captureId}
    group by o.capture_id`.execute(scope.db);
  return result.rows.map((row) => ({ captureId: row.capture_id, matching: Number(row.matching) }));
}
