import {
  isDetailRow,
  judgeVenueRows,
  type RawVenueRow,
  type RejectedVenueRow,
  type VenueRowOutcome,
  type VenueRowValidation,
  validateVenueRow,
} from "@spine/finra";
import { describeAtsSummaryRow } from "../models/ats-summary-type.js";
import type { AtsTierWeek } from "../models/ats-tier-week.js";

/** The tier-week a row is judged for; corrected republications ignore their later lastUpdateDate. */
export type AtsRowContext = AtsTierWeek & { readonly ignoreLastUpdateDate?: boolean };

/** Judges one ATS row: summary rows (ATS_W_SMBL, ATS_W_FIRM, ATS_W_VOL_STATS, anything but ATS_W_SMBL_FIRM)
 * are rejected as SUMMARY_ROW, naming what they total; detail rows go through the FINRA row rules shared with
 * the non-ATS data. */
export function validateAtsRow(row: RawVenueRow, context: AtsRowContext): VenueRowValidation {
  if (row.summaryTypeCode !== null && !isDetailRow("ats", row.summaryTypeCode)) {
    return {
      ok: false,
      issues: [{ code: "SUMMARY_ROW", detail: describeAtsSummaryRow(row.summaryTypeCode) }],
    };
  }
  return validateVenueRow(row, {
    dataset: "ats",
    tier: context.tier,
    weekEnding: context.weekEnding,
    ...(context.ignoreLastUpdateDate === undefined
      ? {}
      : { ignoreLastUpdateDate: context.ignoreLastUpdateDate }),
  });
}

/** A rejected ATS row: its line and every rule it broke, the first being the primary reason. */
export type RejectedAtsRow = RejectedVenueRow;

/** The accepted detail rows and the rejects of one ATS tier-week; read = accepted + rejected. */
export type AtsRowOutcome = VenueRowOutcome;

/** Judges every row of a tier-week in line order. An ATS reports one row per symbol, so a second (symbol, ATS
 * MPID) row is a DUPLICATE_KEY reject and the first one stands. */
export function judgeAtsRows(rows: Iterable<RawVenueRow>, context: AtsRowContext): AtsRowOutcome {
  const duplicate = (mpid: string, symbol: string) =>
    `ATS ${mpid} already reported ${symbol} in this tier-week`;
  return judgeVenueRows(rows, (row) => validateAtsRow(row, context), duplicate);
}
