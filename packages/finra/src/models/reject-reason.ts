/**
 * Every reason a source row can be set aside. Rejected rows are recorded with their code, never
 * silently dropped, so the row accounting (read = accepted + rejected) always closes.
 */
export const REJECT_REASON_CODES = [
  "MALFORMED_ROW",
  "SUMMARY_ROW",
  "EMPTY_SYMBOL",
  "EMPTY_MPID",
  "INVALID_TIER",
  "TIER_MISMATCH",
  "WEEK_MISMATCH",
  "INVALID_SHARE_QUANTITY",
  "NEGATIVE_SHARE_QUANTITY",
  "INVALID_TRADE_COUNT",
  "NEGATIVE_TRADE_COUNT",
  "DUPLICATE_KEY",
] as const;

export type RejectReasonCode = (typeof REJECT_REASON_CODES)[number];

export type RejectIssue = { code: RejectReasonCode; detail: string };

export const REJECT_REASON_RULES: Readonly<Record<RejectReasonCode, string>> = {
  MALFORMED_ROW: "The row's field count differs from the header's.",
  SUMMARY_ROW:
    "FINRA API summary row (summaryTypeCode present and not the detail code OTC_W_SMBL_FIRM or ATS_W_SMBL_FIRM); recorded, not aggregated.",
  EMPTY_SYMBOL: "The symbol is empty after trimming whitespace.",
  EMPTY_MPID: "The MPID is empty after trimming whitespace.",
  INVALID_TIER: "The row's tier value is not a recognised tier spelling.",
  TIER_MISMATCH: "The row's tier contradicts the tier of the partition being loaded.",
  WEEK_MISMATCH:
    "The row's week (weekStartDate Monday or WeekEnding Friday) is invalid or contradicts the partition week.",
  INVALID_SHARE_QUANTITY:
    "The share quantity is empty, text, above 999,999,999,999 (12 digits, so sums stay exact), or has a fraction finer than 6 decimal places or more than 15 digits (kept exactly or refused, never rounded).",
  NEGATIVE_SHARE_QUANTITY: "The share quantity is below zero.",
  INVALID_TRADE_COUNT:
    "The trade count is empty, text, not a whole number, or above 999,999,999,999 (12 digits, so sums stay exact).",
  NEGATIVE_TRADE_COUNT: "The trade count is below zero.",
  DUPLICATE_KEY:
    "A second or later occurrence of (week_ending, tier, symbol, mpid); the first occurrence is kept.",
};
