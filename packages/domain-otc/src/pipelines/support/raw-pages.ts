import type { RawBuilder, SqlBool } from "@spine/platform";
import { pageByKey, sql } from "@spine/platform";
import type { NormalizeSourceRow } from "./normalize-source-row.js";
import { normalizeSourceColumns } from "./normalize-source-row.js";
import type { OtcDatabase } from "./otc-database.js";

/**
 * Reads a capture's raw rows in line order, one page at a time by keyset on the primary key
 * (capture, line number), as the caller writes while it reads.
 */
export function rawRowPages(
  db: OtcDatabase,
  captureId: string,
  filter?: RawBuilder<unknown>,
): AsyncGenerator<readonly NormalizeSourceRow[]> {
  const readPage = (after: number, size: number): Promise<NormalizeSourceRow[]> =>
    db
      .selectFrom("otc_raw_rows")
      .select(normalizeSourceColumns)
      .where("capture_id", "=", captureId)
      .where("line_number", ">", after)
      .$if(filter !== undefined, (query) => query.where(sql<SqlBool>`${filter}`))
      .orderBy("line_number")
      .limit(size)
      .execute();
  return pageByKey(readPage, (row) => Number(row.line_number));
}

/**
 * The original lines of some rows of a capture, by line number (for reject records), read through
 * the otc_raw view, which rebuilds the lines ingest did not need to store.
 */
export async function rawLinesOf(
  db: OtcDatabase,
  captureId: string,
  lineNumbers: readonly number[],
): Promise<Map<number, string>> {
  if (lineNumbers.length === 0) return new Map();
  const rows = await db
    .selectFrom("otc_raw")
    .select(["line_number", "raw_line"])
    .where("capture_id", "=", captureId)
    .where("line_number", "in", lineNumbers)
    .execute();
  return new Map(rows.map((row) => [Number(row.line_number), row.raw_line]));
}

/**
 * The (symbol, mpid) keys that occur on more than one parseable line of a capture. Ingest stores
 * both trimmed, exactly as validation compares them, so this is every possible duplicate key.
 */
export async function repeatedKeysOf(db: OtcDatabase, captureId: string): Promise<Array<[string, string]>> {
  const rows = await db
    .selectFrom("otc_raw_rows")
    .select(["symbol", "mpid"])
    .where("capture_id", "=", captureId)
    .where("malformed_detail", "is", null)
    .groupBy(["symbol", "mpid"])
    .having((expression) => expression.fn.countAll(), ">", 1)
    .execute();
  return rows.map((row) => [row.symbol ?? "", row.mpid ?? ""]);
}
