import type { RawRow } from "../../database/otc-tables.js";
import type { OtcDatabase } from "./otc-database.js";

const pageSize = 5_000;

/**
 * Reads a capture's raw rows in line order, one page at a time by keyset on the primary key.
 * Pages rather than a cursor: SQLite cannot write on a connection while a cursor is open, and
 * the caller writes as it reads.
 */
export async function* rawRowPages(db: OtcDatabase, captureId: string): AsyncGenerator<RawRow[]> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom("otc_raw")
      .selectAll()
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
