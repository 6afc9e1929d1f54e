import { DETAIL_SUMMARY_TYPE_CODES, describeSummaryRow, SUMMARY_ROW_TYPE_CODES } from "@spine/finra";

/** The summaryTypeCode of ATS detail rows (one ATS, one symbol): the only rows that are data. */
export const ATS_DETAIL_TYPE_CODE = DETAIL_SUMMARY_TYPE_CODES.ats;

/** The summary row types FINRA returns beside the ATS detail rows. */
export const ATS_SUMMARY_TYPE_CODES = SUMMARY_ROW_TYPE_CODES.ats;

/** Why a row of this summaryTypeCode is set aside, for the reject's detail. */
export const describeAtsSummaryRow = (summaryTypeCode: string): string =>
  describeSummaryRow("ats", summaryTypeCode);
