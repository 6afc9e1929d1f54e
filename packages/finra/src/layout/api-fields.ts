import type { Tier } from "../models/tier.js";
import type { FinraDataset } from "./dataset.js";

/** Field names of FINRA's Query API weekly summary datasets (OTC and ATS share them). */
export const FINRA_API_FIELDS = {
  weekStartDate: "weekStartDate",
  tierIdentifier: "tierIdentifier",
  tierDescription: "tierDescription",
  issueSymbolIdentifier: "issueSymbolIdentifier",
  issueName: "issueName",
  mpid: "MPID",
  marketParticipantName: "marketParticipantName",
  totalWeeklyShareQuantity: "totalWeeklyShareQuantity",
  totalWeeklyTradeCount: "totalWeeklyTradeCount",
  lastUpdateDate: "lastUpdateDate",
  initialPublishedDate: "initialPublishedDate",
  summaryTypeCode: "summaryTypeCode",
} as const;

/** The API's tierIdentifier per tier. */
export const API_TIER_IDENTIFIERS: Readonly<Record<Tier, "T1" | "T2" | "OTCE">> = {
  "NMS Tier 1": "T1",
  "NMS Tier 2": "T2",
  OTC: "OTCE",
};

/**
 * The summaryTypeCode of a dataset's detail rows: one row per firm (OTC) or ATS per symbol. Every
 * other code marks a summary row that totals detail rows and must never be added on top of them.
 */
export const DETAIL_SUMMARY_TYPE_CODES: Readonly<Record<FinraDataset, string>> = {
  otc: "OTC_W_SMBL_FIRM",
  ats: "ATS_W_SMBL_FIRM",
};

/** Summary rows the API returns beside the detail rows, per dataset. */
export const SUMMARY_ROW_TYPE_CODES: Readonly<Record<FinraDataset, readonly string[]>> = {
  otc: ["OTC_W_SMBL", "OTC_W_FIRM"],
  ats: ["ATS_W_SMBL", "ATS_W_FIRM", "ATS_W_VOL_STATS"],
};

/** True for a detail row of the dataset; a row without a summaryTypeCode (a download) is detail. */
export function isDetailRow(dataset: FinraDataset, summaryTypeCode: string | null): boolean {
  return summaryTypeCode === null || summaryTypeCode === DETAIL_SUMMARY_TYPE_CODES[dataset];
}

/** What each row type of the API holds: a detail row's data, or what a summary row totals. */
const ROW_TYPE_MEANINGS: Readonly<Record<string, string>> = {
  OTC_W_SMBL_FIRM: "one firm's weekly volume in one symbol",
  OTC_W_SMBL: "one symbol's weekly volume summed over every firm",
  OTC_W_FIRM: "one firm's weekly volume summed over every symbol",
  ATS_W_SMBL_FIRM: "one ATS's weekly volume in one symbol",
  ATS_W_SMBL: "one symbol's weekly volume summed over every ATS",
  ATS_W_FIRM: "one ATS's weekly volume summed over every symbol",
  ATS_W_VOL_STATS: "the tier-week's volume statistics over every ATS",
};

/**
 * Why a row of this summaryTypeCode is set aside, for a reject's detail: summary rows are sums of
 * the dataset's detail rows, so adding them would count the same shares twice or more.
 */
export function describeSummaryRow(dataset: FinraDataset, summaryTypeCode: string): string {
  const detail = DETAIL_SUMMARY_TYPE_CODES[dataset];
  const meaning = ROW_TYPE_MEANINGS[summaryTypeCode];
  if (meaning === undefined) return `summaryTypeCode "${summaryTypeCode}" is not a detail row (${detail})`;
  return `${summaryTypeCode} row holds ${meaning}; it totals ${detail} rows and is never added to them`;
}
