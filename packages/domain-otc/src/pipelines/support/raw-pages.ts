import { repeatedKey } from "./normalize-rows.js";
import type { NormalizeSourceRow } from "./normalize-source-row.js";
import { normalizeSourceColumns } from "./normalize-source-row.js";
import type { OtcDatabase } from "./otc-database.js";

const pageSize = 5_000;

/**
 * Reads a capture's raw rows in line order, one page at a time by keyset on the primary key.
 * Pages rather than a cursor: SQLite cannot write on a connection while a cursor is open, and
 * the caller writes as it reads.
 */
export async function* rawRowPages(db: OtcDatabase, captureId: string): AsyncGenerator<NormalizeSourceRow[]> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom("otc_raw")
      .select(normalizeSourceColumns)
      .where("capture_id", "=", captureId)
      .where("line_number", ">", after)
      .orderBy("line_number")
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    yield page;
    after = Number(page[page.length - 1]?.line_number);
  }
}

/** The original lines of some rows of a capture, by line number (for reject records). */
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
export async function repeatedKeysOf(db: OtcDatabase, captureId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("otc_raw")
    .select(["symbol", "mpid"])
    .where("capture_id", "=", captureId)
    .where("malformed_detail", "is", null)
    .groupBy(["symbol", "mpid"])
    .having((expression) => expression.fn.countAll(), ">", 1)
    .execute();
  return new Set(rows.map((row) => repeatedKey(row.symbol ?? "", row.mpid ?? "")));
}

/**
 * The lastUpdateDate most rows of a capture carry (rows without a week column), or null. The
 * file's own majority, not its first row, is the reference for spotting stray rows.
 */
export async function dominantLastUpdateDate(db: OtcDatabase, captureId: string): Promise<string | null> {
  const row = await db
    .selectFrom("otc_raw")
    .select((expression) => ["last_update_date", expression.fn.countAll().as("rows")])
    .where("capture_id", "=", captureId)
    .where("malformed_detail", "is", null)
    .where("week_text", "is", null)
    .where("last_update_date", "is not", null)
    .groupBy("last_update_date")
    .orderBy("rows", "desc")
    .orderBy("last_update_date", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.last_update_date ?? null;
}
