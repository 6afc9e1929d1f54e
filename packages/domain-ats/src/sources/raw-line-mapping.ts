import type { DelimitedRowMapping } from "@spine/platform";
import { columnList } from "../database/ats-tables.js";
import { type atsHeader, fieldAt } from "./ats-header.js";

type HeaderColumn = keyof typeof atsHeader.columns;

// The header columns stored as text, in the order of their ats_raw_lines columns below.
const storedColumns: readonly HeaderColumn[] = [
  ...["tier", "week", "symbol", "issueName", "mpid", "atsName"],
  ...["shareQuantity", "tradeCount", "summaryType", "published"],
] as HeaderColumn[];

/** ats_raw_lines' columns in insert order; ingest swaps the last (the line itself) for its hash. */
export const rawLineColumns = columnList(
  "capture_id line_number tier_text week_text symbol issue_name mpid ats_name shares_text trades_text summary_type published broken line_text record_hash",
);

/** Keeps every line after the header as one ats_raw_lines row, summary rows and broken lines included: judging
 * them is normalize's work, and a rejected line must still be there to show. */
export function rawLineMapping(captureId: string): DelimitedRowMapping<typeof atsHeader.columns> {
  return {
    targets: [{ table: "ats_raw_lines", columns: rawLineColumns }],
    hashRecordKeys: true,
    start: ({ columns }) => {
      const positions = storedColumns.map((name) => columns[name]);
      return {
        row(fields, lineNumber, line, _plain, batch) {
          const stored = positions.map((position) => fieldAt(fields, position));
          batch[0]?.push([captureId, lineNumber, ...stored, null, line, line]);
        },
        malformed(lineNumber, line, detail, batch) {
          batch[0]?.push([captureId, lineNumber, ...positions.map(() => null), detail, line, line]);
        },
      };
    },
  };
}
