import { isBlankLine } from "../../parsing/blank-line.js";
import { isDownloadLayout, plainDownloadFields } from "./download-line-fast-path.js";
import type { RawCounts } from "./ingest-row-checks.js";
import { createDateCounter, createSameWeekCheck } from "./ingest-row-checks.js";
import type { MetadataProfile } from "./raw-metadata-profile.js";
import { cleanCounts, standardRowOf, toRawRow } from "./raw-row-builders.js";
import type { SourceHeader, SourceIdentity } from "./source-identity.js";
import { parseHeader } from "./source-identity.js";

export type { RawCounts } from "./ingest-row-checks.js";

/** Column order of the rows {@link createRawRowConverter} returns, for bulk insert into otc_raw_rows. */
export const rawColumns = [
  "capture_id",
  "line_number",
  "tier_text",
  "symbol",
  "issue_name",
  "market_participant_name",
  "mpid",
  "share_quantity_text",
  "trade_count_text",
  "last_update_date",
  "week_text",
  "summary_type_code",
  "malformed_detail",
  "raw_line",
  "record_hash",
] as const;

/**
 * The columns of a standard row: a download-layout line whose raw_line the otc_raw view rebuilds
 * and which has no week, summary type or malformed detail. Most rows are standard; leaving out the
 * four NULLs saves a fifth of the values bound per row.
 */
export const standardRawColumns: readonly string[] = rawColumns.filter(
  (column) => !["week_text", "summary_type_code", "malformed_detail", "raw_line"].includes(column),
);

/**
 * One batch of raw rows: standard rows in {@link standardRawColumns}, the rest in {@link rawColumns}.
 * A standard row's last value is its record key until a RecordHasher replaces it by the hash, so
 * the hashing can run on another thread; other rows (few) arrive hashed.
 */
export interface RawRowBatch {
  readonly standard: Array<unknown[]>;
  readonly other: Array<readonly unknown[]>;
}

/** What {@link createRawRowConverter} needs to know about the file being ingested. */
export interface RawRowSource {
  readonly identity: SourceIdentity;
  readonly captureId: string;
  readonly path: string;
  readonly counts: RawCounts;
  /** False sends every line down the general path: tests compare the two. */
  readonly downloadFastPath?: boolean;
  /** Receives every row's metadata combination, for otc_raw_metadata. */
  readonly profile?: MetadataProfile;
}

/**
 * Turns batches of file lines into otc_raw_rows rows, keeping the header and line numbers across
 * batches: every non-blank line after the header becomes exactly one row (malformed lines too,
 * flagged), so nothing is dropped before normalize judges it.
 */
export function createRawRowConverter(source: RawRowSource): (lines: readonly string[]) => RawRowBatch {
  const { identity, captureId, path, counts } = source;
  const assertSameWeek = createSameWeekCheck(identity, path);
  const countDate = createDateCounter(counts);
  let header: SourceHeader | null = null;
  let fastPath = false;
  let lineNumber = 0;
  return (lines) => {
    const batch: RawRowBatch = { standard: [], other: [] };
    for (const line of lines) {
      lineNumber += 1;
      if (isBlankLine(line)) {
        counts.blankLines += 1;
        continue;
      }
      if (header === null) {
        header = parseHeader(line, lineNumber, path);
        fastPath = source.downloadFastPath !== false && isDownloadLayout(header);
        continue;
      }
      const fields = fastPath ? plainDownloadFields(line) : null;
      if (fields !== null) {
        batch.standard.push(standardRowOf(identity, captureId, lineNumber, fields));
        const lastUpdateDate = fields[7] ?? null;
        source.profile?.addValues(fields[0] ?? null, null, lastUpdateDate, null, cleanCounts(fields));
        assertSameWeek(null, lastUpdateDate, lineNumber);
        countDate.count(lastUpdateDate);
      } else {
        const { row, values, standard, profile } = toRawRow(identity, captureId, lineNumber, line, header);
        source.profile?.add(profile);
        if (row) {
          assertSameWeek(row.weekText, row.lastUpdateDate, lineNumber);
          countDate.count(row.lastUpdateDate);
        } else counts.malformed += 1;
        (standard ? batch.standard : batch.other).push(values);
      }
      counts.rowsRead += 1;
    }
    countDate.flush();
    return batch;
  };
}
