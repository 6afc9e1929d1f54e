import type { HeaderColumns, ParsedHeader, Result } from "@spine/platform";
import { defineHeaderSpec } from "@spine/platform";
import type { ColumnMap } from "../../parsing/column-map.js";

/**
 * The columns of a FINRA weekly file, with their spellings across the FINRA download, the FINRA
 * API export and the project's simple format. Earlier spellings win when a header has several
 * (tierDescription is more readable than T1/T2).
 */
export const finraHeaderSpec = defineHeaderSpec({
  columns: {
    symbol: { aliases: ["issueSymbolIdentifier", "Symbol"], required: true },
    mpid: { aliases: ["MPID"], required: true },
    shareQuantity: { aliases: ["totalWeeklyShareQuantity", "TotalShares"], required: true },
    tradeCount: { aliases: ["totalWeeklyTradeCount", "TotalTrades"], required: true },
    tier: { aliases: ["tierDescription", "tierIdentifier", "Tier"] },
    issueName: { aliases: ["issueName"] },
    marketParticipantName: { aliases: ["marketParticipantName"] },
    lastUpdateDate: { aliases: ["lastUpdateDate"] },
    week: { aliases: ["weekStartDate", "WeekEnding"] },
    summaryTypeCode: { aliases: ["summaryTypeCode"] },
  },
});

type FinraColumns = typeof finraHeaderSpec.columns;

/** A parsed FINRA header: how to split lines and where each column is. */
export type SourceHeader = ParsedHeader<FinraColumns>;

// The declaration's resolved positions are exactly the pure code's ColumnMap.
const columnMapOf = (columns: HeaderColumns<FinraColumns>): ColumnMap => columns;

/** Maps a header to column positions; order is free and unknown columns are ignored. */
export function resolveHeader(fields: readonly string[]): Result<ColumnMap, string> {
  const resolved = finraHeaderSpec.resolve(fields);
  return resolved.ok ? { ok: true, value: columnMapOf(resolved.value) } : resolved;
}
