import type { RawVenueRow } from "@spine/finra";
import type { NormalizeSourceRow } from "./normalize-source-row.js";

/** Rebuilds the parser's row shape from a stored raw row, so normalize reuses the pure rules. */
export function venueRowFromRaw(raw: NormalizeSourceRow): RawVenueRow {
  return {
    lineNumber: Number(raw.line_number),
    tierText: raw.tier_text,
    symbol: raw.symbol ?? "",
    issueName: raw.issue_name,
    mpid: raw.mpid ?? "",
    marketParticipantName: raw.market_participant_name,
    shareQuantityText: raw.share_quantity_text ?? "",
    tradeCountText: raw.trade_count_text ?? "",
    lastUpdateDate: raw.last_update_date,
    weekText: raw.week_text,
    summaryTypeCode: raw.summary_type_code,
    // Validation never reads the raw line; rejects get it from otc_raw afterwards.
    rawLine: "",
  };
}
