import type { Kysely } from "kysely";
import { pageByKey } from "../database/page-by-key.js";
import type { SqlScope } from "../database/spine-database.js";

/** How many of a capture's rows another capture holds as well (equal in every compared column). */
export interface MatchingRows {
  readonly captureId: string;
  readonly matching: number;
}

/** What {@link countMatchingRows} compares. */
export interface MatchingRowsTarget {
  readonly table: string;
  readonly captureId: string;
  readonly candidates: readonly string[];
  readonly columns: readonly string[];
  /** A numeric column unique within a capture, to read a capture in pages; `line_number` unless given. */
  readonly keyColumn?: string;
}

type Row = Record<string, unknown>;

// Values joined by a separator no FINRA field holds; a row with a NULL compared column never
// matches (as SQL equality would have it).
function rowKey(row: Row, columns: readonly string[]): string | null {
  const values: string[] = [];
  for (const column of columns) {
    const value = row[column];
    if (value === null || value === undefined) return null;
    values.push(String(value));
  }
  return values.join("\u0000");
}

// A capture's rows in pages by (capture_id, key column): the primary key's order on both backends,
// so each page is a range read and the whole capture is read once.
function capturePages(db: Kysely<Record<string, Row>>, target: MatchingRowsTarget, captureId: string) {
  const key = target.keyColumn ?? "line_number";
  const readPage = (after: number, size: number) =>
    db
      .selectFrom(target.table)
      .select([...target.columns, key])
      .where("capture_id", "=", captureId)
      .where(key, ">", after)
      .orderBy(key)
      .limit(size)
      .execute();
  return pageByKey(readPage, (row) => Number(row[key]));
}

/**
 * Counts, per candidate capture, the rows of `captureId` in `table` that the candidate holds with
 * equal values in every one of `columns` (each candidate row pairs with at most one row): a new
 * partition whose rows nearly all match an older one's is likely the same data under another name
 * (a republication placed under a new date). Linear: the new capture's rows are counted by value in
 * memory once, then each candidate is read once in key order and looked up there, so no join on
 * unindexed data columns is needed. Table and column names come from declarations, never users.
 */
export async function countMatchingRows(
  scope: SqlScope,
  target: MatchingRowsTarget,
): Promise<MatchingRows[]> {
  if (target.candidates.length === 0 || target.columns.length === 0) return [];
  // Table names are a domain's declared identifiers, as are the compared columns.
  const db = scope.db as unknown as Kysely<Record<string, Row>>;
  const wanted = new Map<string, number>();
  for await (const page of capturePages(db, target, target.captureId))
    for (const row of page) {
      const key = rowKey(row, target.columns);
      if (key !== null) wanted.set(key, (wanted.get(key) ?? 0) + 1);
    }
  const results: MatchingRows[] = [];
  for (const candidate of target.candidates) {
    const paired = new Map<string, number>();
    let matching = 0;
    for await (const page of capturePages(db, target, candidate))
      for (const row of page) {
        const key = rowKey(row, target.columns);
        const available = key === null ? 0 : (wanted.get(key) ?? 0);
        const used = key === null ? 0 : (paired.get(key) ?? 0);
        if (key === null || used >= available) continue;
        paired.set(key, used + 1);
        matching += 1;
      }
    if (matching > 0) results.push({ captureId: candidate, matching });
  }
  return results;
}
