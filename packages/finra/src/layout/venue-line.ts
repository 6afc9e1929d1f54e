import type { Result } from "@spine/platform/pure";
import { fail, ok } from "@spine/platform/pure";
import type { RawVenueRow } from "../models/venue-row.js";
import type { ColumnMap } from "./column-map.js";

export type MalformedRowIssue = { code: "MALFORMED_ROW"; detail: string };

// Optional descriptive columns: an empty value means "not given", same as an absent column.
function optionalField(fields: readonly string[], position: number | null): string | null {
  if (position === null) {
    return null;
  }
  const value = fields[position]?.trim() ?? "";
  return value === "" ? null : value;
}

function requiredField(fields: readonly string[], position: number): string {
  return fields[position] ?? "";
}

/**
 * Maps split fields onto a RawVenueRow without judging values; only a field count that differs
 * from the header is rejected here, because then no column can be trusted.
 */
export function parseVenueLine(
  fields: readonly string[],
  columnMap: ColumnMap,
  lineNumber: number,
  rawLine: string,
): Result<RawVenueRow, MalformedRowIssue> {
  if (fields.length !== columnMap.fieldCount) {
    return fail({
      code: "MALFORMED_ROW",
      detail: `line ${lineNumber} has ${fields.length} fields; the header has ${columnMap.fieldCount}`,
    });
  }
  return ok({
    lineNumber,
    tierText: optionalField(fields, columnMap.tier),
    symbol: requiredField(fields, columnMap.symbol),
    issueName: optionalField(fields, columnMap.issueName),
    mpid: requiredField(fields, columnMap.mpid),
    marketParticipantName: optionalField(fields, columnMap.marketParticipantName),
    shareQuantityText: requiredField(fields, columnMap.shareQuantity),
    tradeCountText: requiredField(fields, columnMap.tradeCount),
    lastUpdateDate: optionalField(fields, columnMap.lastUpdateDate),
    weekText: optionalField(fields, columnMap.week),
    summaryTypeCode: optionalField(fields, columnMap.summaryTypeCode),
    rawLine,
  });
}
