import type { RawVenueRow } from "@spine/finra";
import type { RejectInput, SqlScope } from "@spine/platform";
import { type AtsRawLinesTable, atsTables, columnList } from "../database/ats-tables.js";

/** A stored line: a row to judge, or a line ingest could not split, with why. */
export type StoredLine =
  | { readonly kind: "row"; readonly row: RawVenueRow }
  | { readonly kind: "broken"; readonly reject: RejectInput };

const linesPerChunk = 4_000;

// Stored columns and the RawVenueRow fields they fill, pairwise (required ones are never null).
const storedKeys = columnList(
  "tier_text symbol issue_name mpid ats_name shares_text trades_text published week_text line_text",
);
const rowKeys =
  "tierText symbol issueName mpid marketParticipantName shareQuantityText tradeCountText lastUpdateDate weekText rawLine".split(
    " ",
  );
type StoredKey = keyof AtsRawLinesTable;

/** A capture's lines in line order, a chunk of line numbers at a time. Ingest numbers the lines of a file 1..n
 * (blank ones leave gaps), so fixed ranges up to the highest number cover every line without holding a cursor
 * open while the caller writes. */
export async function* storedLines(scope: SqlScope, captureId: string): AsyncGenerator<StoredLine[]> {
  const db = atsTables(scope);
  const last = await db
    .selectFrom("ats_raw_lines")
    .select((line) => line.fn.max("line_number").as("highest"))
    .where("capture_id", "=", captureId)
    .executeTakeFirst();
  const highest = Number(last?.highest ?? 0);
  for (let low = 0; low < highest; low += linesPerChunk) {
    const lines = await db
      .selectFrom("ats_raw_lines")
      .selectAll()
      .where("capture_id", "=", captureId)
      .where("line_number", ">", low)
      .where("line_number", "<=", low + linesPerChunk)
      .orderBy("line_number")
      .execute();
    yield lines.map((stored): StoredLine => {
      const lineNumber = Number(stored.line_number);
      if (stored.broken !== null) {
        const reject = { reasonCode: "MALFORMED_ROW", reasonDetail: stored.broken, lineNumber };
        return { kind: "broken", reject: { ...reject, rawRecord: stored.line_text } };
      }
      const row = Object.fromEntries(
        rowKeys.map((key, index) => [key, stored[storedKeys[index] as StoredKey]]),
      );
      return {
        kind: "row",
        row: { ...row, lineNumber, summaryTypeCode: stored.summary_type?.trim() || null } as RawVenueRow,
      };
    });
  }
}
