import type { RawVenueRow } from "@spine/finra";
import { isCanonicalCount } from "@spine/finra";

// The values of one otc_raw_rows row, in rawColumns order, or in standardRawColumns order for a
// standard row.

/** A parsed line's row, and whether it is standard (see standardRawColumns). */
export function parsedRowValues(captureId: string, row: RawVenueRow, line: string) {
  const values = [
    captureId,
    row.lineNumber,
    row.tierText,
    // Stored trimmed, as validation compares them, so SQL can group duplicate keys; raw_line keeps the original.
    row.symbol.trim(),
    row.issueName,
    row.marketParticipantName,
    row.mpid.trim(),
    row.shareQuantityText,
    row.tradeCountText,
    row.lastUpdateDate,
    row.weekText,
    row.summaryTypeCode,
    null,
    line,
  ];
  const profile = profileOf(values);
  // Columns 2-9 are the download layout's fields in its order: the line the otc_raw view rebuilds.
  const rebuilt = joinedWhenComplete(values, 2, 10) === line;
  const standard = rebuilt && values[10] === null && values[11] === null;
  if (standard) return { values: standardValuesOf(values), standard, profile };
  if (rebuilt) values[13] = null;
  return { values, standard, profile };
}

/** A malformed line's row: no fields, the detail and the line. */
export function malformedRowValues(
  captureId: string,
  lineNumber: number,
  line: string,
  detail: string,
): unknown[] {
  // Columns 2-11 (tier_text .. summary_type_code) are NULL: the line has no fields.
  return [captureId, lineNumber, ...new Array(10).fill(null), detail, line];
}

/** A raw row's metadata (rawMetadataColumns order) and whether it is clean, for ingest's profile. */
export interface RowProfile {
  readonly values: readonly (string | null)[];
  readonly clean: boolean;
}

/** The metadata combination of a malformed row. */
export const malformedProfile: RowProfile = { values: [null, null, null, null], clean: false };

// A raw row's metadata combination and whether it is clean (see createRawMetadataProfile).
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
  return { values: [text(2), text(10), text(9), text(11)], clean };
}

/** The standard row of a plain download-layout line: what parsedRowValues returns for it. */
export function standardRowOf(captureId: string, lineNumber: number, fields: readonly string[]): unknown[] {
  const [tier, symbol, issueName, participantName, mpid, shares, trades, lastUpdateDate] = fields;
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
  ];
}

function standardValuesOf(values: readonly unknown[]): unknown[] {
  return values.slice(0, 10);
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

/** Whether both counts of a plain download-layout line are clean. */
export function cleanCounts(fields: readonly string[]): boolean {
  return isCanonicalCount(fields[5] ?? "") && isCanonicalCount(fields[6] ?? "");
}
