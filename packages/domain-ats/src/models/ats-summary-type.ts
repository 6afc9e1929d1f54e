import { DETAIL_SUMMARY_TYPE_CODES, SUMMARY_ROW_TYPE_CODES } from "@spine/finra";

/** What each ATS Query API row type totals. Only ATS_W_SMBL_FIRM rows (one ATS, one symbol) are data; the
 * others are sums of those rows, so adding them would count the same shares twice or more. */
const ATS_ROW_TYPE_MEANINGS: Readonly<Record<string, string>> = {
  ATS_W_SMBL_FIRM: "one ATS's weekly volume in one symbol",
  ATS_W_SMBL: "one symbol's weekly volume summed over every ATS",
  ATS_W_FIRM: "one ATS's weekly volume summed over every symbol",
  ATS_W_VOL_STATS: "the tier-week's volume statistics over every ATS",
};

/** The summaryTypeCode of ATS detail rows. */
export const ATS_DETAIL_TYPE_CODE = DETAIL_SUMMARY_TYPE_CODES.ats;

/** The summary row types FINRA returns beside the ATS detail rows. */
export const ATS_SUMMARY_TYPE_CODES = SUMMARY_ROW_TYPE_CODES.ats;

/** Why a row of this summaryTypeCode is set aside, for the reject's detail. */
export function describeAtsSummaryRow(summaryTypeCode: string): string {
  const meaning = ATS_ROW_TYPE_MEANINGS[summaryTypeCode];
  if (meaning === undefined) {
    return `summaryTypeCode "${summaryTypeCode}" is not an ATS detail row (${ATS_DETAIL_TYPE_CODE})`;
  }
  return `${summaryTypeCode} row holds ${meaning}; it totals ${ATS_DETAIL_TYPE_CODE} rows and is never added to them`;
}
