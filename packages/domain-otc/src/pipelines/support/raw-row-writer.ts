import { canonicalRecordKey } from "../../calculations/record-key.js";
import type { RawVenueRow } from "../../models/venue-row.js";
import { isBlankLine } from "../../parsing/blank-line.js";
import { splitDelimitedLine } from "../../parsing/split-delimited-line.js";
import { parseVenueLine } from "../../parsing/venue-line.js";
import { isDownloadLayout, plainDownloadFields } from "./download-line-fast-path.js";
import type { RawCounts } from "./ingest-row-checks.js";
import { createDateCounter, createSameWeekCheck } from "./ingest-row-checks.js";
import { hashRecordKey } from "./record-hasher.js";
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
export const standardRawColumns = [
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
  "record_hash",
] as const;

/**
 * One batch of raw rows: standard rows in {@link standardRawColumns}, the rest in {@link rawColumns}.
 * A standard row's last value is its record key until a RecordHasher replaces it by the hash, so
 * the hashing can run on another thread; other rows (few) arrive hashed.
 */
export interface RawRowBatch {
  readonly standard: Array<unknown[]>;
  readonly other: Array<readonly unknown[]>;
}

function recordKey(identity: SourceIdentity, row: RawVenueRow | null, rawLine: string): string {
  return row
    ? canonicalRecordKey({
        weekEnding: identity.weekEnding,
        tier: identity.tier,
        symbol: row.symbol,
        mpid: row.mpid,
        shareVolume: row.shareQuantityText,
        tradeCount: row.tradeCountText,
      })
    : `${identity.weekEnding}\u001f${identity.tier}\u001f${rawLine}`;
}

const NUL = "\u0000";

// PostgreSQL text cannot hold NUL and SQLite's text functions stop at it, so a line with one is
// malformed on both backends alike; its stored raw line shows each NUL as U+FFFD.
function parseLine(line: string, lineNumber: number, header: SourceHeader) {
  if (line.includes(NUL)) {
    return {
      row: null,
      malformed: `line ${lineNumber} contains a NUL character (shown as U+FFFD in the raw line)`,
      line: line.replaceAll(NUL, "\uFFFD"),
    };
  }
  const parsed = parseVenueLine(splitDelimitedLine(line, header.delimiter), header.columns, lineNumber, line);
  if (parsed.ok) return { row: parsed.value, malformed: null, line };
  return { row: null, malformed: parsed.issues[0]?.detail ?? "malformed row", line };
}

function toRawRow(
  identity: SourceIdentity,
  captureId: string,
  lineNumber: number,
  lineRead: string,
  header: SourceHeader,
) {
  const { row, malformed, line } = parseLine(lineRead, lineNumber, header);
  const values = [
    captureId,
    lineNumber,
    row?.tierText ?? null,
    // Stored trimmed, as validation compares them, so SQL can group duplicate keys; raw_line keeps the original.
    row?.symbol.trim() ?? null,
    row?.issueName ?? null,
    row?.marketParticipantName ?? null,
    row?.mpid.trim() ?? null,
    row?.shareQuantityText ?? null,
    row?.tradeCountText ?? null,
    row?.lastUpdateDate ?? null,
    row?.weekText ?? null,
    row?.summaryTypeCode ?? null,
    malformed,
    line,
    recordKey(identity, row, line),
  ];
  // Columns 2-9 are the download layout's fields in its order: the line the otc_raw view rebuilds.
  const standard =
    joinedWhenComplete(values, 2, 10) === line &&
    values[10] === null &&
    values[11] === null &&
    values[12] === null;
  if (standard) return { row, values: standardValuesOf(values), standard };
  if (joinedWhenComplete(values, 2, 10) === line) values[13] = null;
  // Other rows are few: hashed here, while standard rows keep their key for the RecordHasher.
  values[14] = hashRecordKey(String(values[14]));
  return { row, values, standard };
}

// The standard row of a line whose fields plainDownloadFields returned: what toRawRow returns for it.
function standardRowOf(
  identity: SourceIdentity,
  captureId: string,
  lineNumber: number,
  fields: readonly string[],
): unknown[] {
  const [tier, symbol, issueName, participantName, mpid, shares, trades, lastUpdateDate] = fields;
  const canonical = canonicalRecordKey({
    weekEnding: identity.weekEnding,
    tier: identity.tier,
    symbol: symbol ?? "",
    mpid: mpid ?? "",
    shareVolume: shares ?? "",
    tradeCount: trades ?? "",
  });
  return [
    captureId,
    lineNumber,
    tier,
    symbol,
    issueName,
    participantName,
    mpid,
    shares,
    trades,
    lastUpdateDate,
    canonical,
  ];
}

function standardValuesOf(values: readonly unknown[]): unknown[] {
  return [
    values[0],
    values[1],
    values[2],
    values[3],
    values[4],
    values[5],
    values[6],
    values[7],
    values[8],
    values[9],
    values[14],
  ];
}

/**
 * The values from..to joined by "|", or null when one is missing. For columns 2-9 of a raw row this
 * is the line FINRA's download layout would hold; the otc_raw view rebuilds a NULL raw_line with
 * the same formula in SQL, so ingest leaves it NULL only when this equals the line read.
 */
function joinedWhenComplete(values: readonly unknown[], from: number, to: number): string | null {
  let joined = "";
  for (let index = from; index < to; index += 1) {
    const value = values[index];
    if (value === null || value === undefined) return null;
    joined = index === from ? String(value) : `${joined}|${value}`;
  }
  return joined;
}

/** What {@link createRawRowConverter} needs to know about the file being ingested. */
export interface RawRowSource {
  readonly identity: SourceIdentity;
  readonly captureId: string;
  readonly path: string;
  readonly counts: RawCounts;
  /** False sends every line down the general path: tests compare the two. */
  readonly downloadFastPath?: boolean;
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
        assertSameWeek(null, fields[7] ?? null, lineNumber);
        countDate.count(fields[7] ?? null);
        counts.rowsRead += 1;
        continue;
      }
      const { row, values, standard } = toRawRow(identity, captureId, lineNumber, line, header);
      if (row) {
        assertSameWeek(row.weekText, row.lastUpdateDate, lineNumber);
        countDate.count(row.lastUpdateDate);
      } else counts.malformed += 1;
      counts.rowsRead += 1;
      (standard ? batch.standard : batch.other).push(values);
    }
    countDate.flush();
    return batch;
  };
}
