import type { RawVenueRow } from "@spine/finra";
import { pageByKey, type RejectInput, type SqlScope } from "@spine/platform";
import { type AtsRawLinesTable, atsTables, columnList } from "../database/ats-tables.js";

/** A stored line: a row to judge, or a line ingest could not split, with why. */
type StoredLine =
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

// A capture's lines in line order, a page at a time (pageByKey: no cursor open while the caller writes).
async function* storedLines(scope: SqlScope, captureId: string): AsyncGenerator<StoredLine[]> {
  const pages = pageByKey(
    (after, size) =>
      atsTables(scope)
        .selectFrom("ats_raw_lines")
        .selectAll()
        .where("capture_id", "=", captureId)
        .where("line_number", ">", after)
        .orderBy("line_number")
        .limit(size)
        .execute(),
    (line) => Number(line.line_number),
    linesPerChunk,
  );
  for await (const lines of pages)
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

/** A capture's lines in line order: the rows to judge, and the lines ingest could not split as rejects. */
export async function readStoredLines(scope: SqlScope, captureId: string) {
  const rows: RawVenueRow[] = [];
  const rejects: RejectInput[] = [];
  for await (const chunk of storedLines(scope, captureId))
    for (const stored of chunk) {
      if (stored.kind === "row") rows.push(stored.row);
      else rejects.push(stored.reject);
    }
  return { rows, rejects };
}
