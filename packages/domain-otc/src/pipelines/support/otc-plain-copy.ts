import { maximumCountDigits } from "@spine/finra";
import type { PlainRowCopySpec, ValueProfile } from "@spine/platform";
import { createValueProfile } from "@spine/platform";
import { normalizeSourceColumns } from "./normalize-source-row.js";

/** The columns of otc_venue_volume_rows that normalize writes, in insert order. */
export const venueRowColumns = [
  "capture_id",
  "symbol",
  "mpid",
  "issue_name",
  "market_participant_name",
  "share_volume",
  "trade_count",
  "line_number",
] as const;

// Names a file repeats on every line of a symbol or MPID, kept once per raw capture (migration 0013).
const names = (table: string, keyColumn: string, valueColumn: string) => ({ table, keyColumn, valueColumn });
export const issueNames = names("otc_issue_names", "symbol", "issue_name");
export const participantNames = names("otc_participant_names", "mpid", "market_participant_name");

/** The per-file columns of a raw row, profiled by ingest into otc_raw_metadata (migration 0004). */
export const rawMetadataColumns = [
  "tier_text",
  "week_text",
  "last_update_date",
  "summary_type_code",
] as const;

/** One of rawMetadataColumns. */
export type RawMetadataColumn = (typeof rawMetadataColumns)[number];

/** Ingest's profile of a file's metadata combinations and clean rows. */
export type RawMetadataProfile = ValueProfile<RawMetadataColumn>;

export const createRawMetadataProfile = (): RawMetadataProfile => createValueProfile(rawMetadataColumns);

/**
 * Normalize's set-based path (copyThenJudge). A raw row is plain when its metadata combination was
 * accepted by the pure rules (createMetadataJudge), it is not malformed, its symbol and MPID are
 * non-empty and both counts are whole numbers of 1 to 12 digits, which parseCount reads exactly as
 * a SQL integer cast does. A test proves the copy and the row judge agree.
 */
export const otcPlainCopy: PlainRowCopySpec<RawMetadataColumn> = {
  sourceTable: "otc_raw_rows",
  profileTable: "otc_raw_metadata",
  metadataColumns: rawMetadataColumns,
  keyColumns: ["symbol", "mpid"],
  plain: {
    nullColumns: ["malformed_detail"],
    nonEmptyColumns: ["symbol", "mpid"],
    wholeNumberColumns: ["share_quantity_text", "trade_count_text"],
    maximumDigits: maximumCountDigits,
  },
  target: {
    table: "otc_venue_volume_rows",
    columns: venueRowColumns,
    from: [
      "symbol",
      "mpid",
      "issue_name",
      "market_participant_name",
      "share_quantity_text",
      "trade_count_text",
      "line_number",
    ],
    sharedValues: [issueNames, participantNames],
  },
  judgedColumns: normalizeSourceColumns,
  // The otc_raw view rebuilds the lines ingest did not need to store.
  lines: { table: "otc_raw", column: "raw_line" },
};
