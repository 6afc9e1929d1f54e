import type { DelimitedRowMapping } from "@spine/platform";
import { type atsHeader, fieldAt } from "./ats-header.js";

/** ats_raw_lines' columns in insert order; ingest swaps the last (the line itself) for its hash. */
export const rawLineColumns = [
  "capture_id",
  "line_number",
  "tier_text",
  "week_text",
  "symbol",
  "issue_name",
  "mpid",
  "ats_name",
  "shares_text",
  "trades_text",
  "summary_type",
  "published",
  "broken",
  "line_text",
  "record_hash",
] as const;

/**
 * Keeps every line after the header as one ats_raw_lines row, summary rows and broken lines
 * included: judging them is normalize's work, and a rejected line must still be there to show.
 */
export function rawLineMapping(captureId: string): DelimitedRowMapping<typeof atsHeader.columns> {
  return {
    targets: [{ table: "ats_raw_lines", columns: rawLineColumns }],
    start: ({ columns }) => ({
      row(fields, lineNumber, line, _plain, batch) {
        const named = [
          columns.tier,
          columns.week,
          columns.symbol,
          columns.issueName,
          columns.mpid,
          columns.atsName,
          columns.shareQuantity,
          columns.tradeCount,
          columns.summaryType,
          columns.published,
        ].map((position) => fieldAt(fields, position));
        batch[0]?.push([captureId, lineNumber, ...named, null, line, line]);
      },
      malformed(lineNumber, line, detail, batch) {
        batch[0]?.push([captureId, lineNumber, ...new Array(10).fill(null), detail, line, line]);
      },
    }),
  };
}
