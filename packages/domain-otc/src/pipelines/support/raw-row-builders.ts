import { canonicalRecordKey, recordKeyPrefix } from "../../calculations/record-key.js";
import type { RawVenueRow } from "../../models/venue-row.js";
import { splitDelimitedLine } from "../../parsing/split-delimited-line.js";
import { parseVenueLine } from "../../parsing/venue-line.js";
import type { RowProfile } from "./raw-metadata-profile.js";
import { isCanonicalCount } from "./raw-metadata-profile.js";
import { hashRecordKey } from "./record-hasher.js";
import type { SourceHeader, SourceIdentity } from "./source-identity.js";

// One raw row from one line, on the general path (toRawRow) or the download fast path
// (standardRowOf); raw-row-writer.ts streams lines through them.

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
    : `${recordKeyPrefix(identity.weekEnding, identity.tier)}${rawLine}`;
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

export function toRawRow(
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
  const profile = profileOf(values);
  // Columns 2-9 are the download layout's fields in its order: the line the otc_raw view rebuilds.
  const rebuilt = joinedWhenComplete(values, 2, 10) === line;
  const standard = rebuilt && values[10] === null && values[11] === null && values[12] === null;
  if (standard) return { row, values: standardValuesOf(values), standard, profile };
  if (rebuilt) values[13] = null;
  // Other rows are few: hashed here, while standard rows keep their key for the RecordHasher.
  values[14] = hashRecordKey(String(values[14]));
  return { row, values, standard, profile };
}

// A raw row's metadata combination and whether it is clean (see createMetadataProfile).
function profileOf(values: readonly unknown[]): RowProfile {
  const text = (index: number) => (values[index] ?? null) as string | null;
  const [shares, trades] = [text(7), text(8)];
  const clean =
    values[12] === null &&
    text(3) !== "" &&
    text(6) !== "" &&
    shares !== null &&
    trades !== null &&
    isCanonicalCount(shares) &&
    isCanonicalCount(trades);
  return { tierText: text(2), weekText: text(10), lastUpdateDate: text(9), summaryTypeCode: text(11), clean };
}

// The standard row of a line whose fields plainDownloadFields returned: what toRawRow returns for it.
export function standardRowOf(
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

/** Whether both counts of a line whose fields plainDownloadFields returned are clean. */
export function cleanCounts(fields: readonly string[]): boolean {
  return isCanonicalCount(fields[5] ?? "") && isCanonicalCount(fields[6] ?? "");
}
