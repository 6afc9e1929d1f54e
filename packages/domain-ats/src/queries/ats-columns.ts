import { type ColumnMeaning, defineColumnDictionary } from "@spine/platform";

const n = (meaning: string): ColumnMeaning => ["number", meaning];
const t = (meaning: string): ColumnMeaning => ["text", meaning];

/** The data dictionary of ATS query columns (README, Data dictionary). "Active": shares > 0 or trades > 0. */
export const atsColumns = defineColumnDictionary({
  tier: t("FINRA tier: NMS Tier 1, NMS Tier 2 or OTC"),
  week_ending: t("Friday ending the FINRA week (YYYY-MM-DD)"),
  mpid: t("the ATS's MPID"),
  ats_name: t("the ATS's name as FINRA reports it (marketParticipantName)"),
  symbol: t("issue symbol as FINRA reports it"),
  shares: n("sum of the ATS's shares over its ATS_W_SMBL_FIRM rows of the tier-week (exact)"),
  trades: n("sum of the ATS's trades over those rows"),
  symbols: n("active symbols of the ATS in the tier-week"),
  market_share: n("ATS shares / all ATS shares of the tier-week (0 when nothing traded); sums to 1"),
  share_rank: n("1 = most shares; ties go to the smaller MPID (byte order)"),
  avg_trade_size: n("shares / trades over all the ATS's symbols; NULL when trades = 0"),
  ats_count: n("active ATSs: of the symbol (concentration), of the tier-week (weeks)"),
  ats_shares: n("sum of shares over every ATS of the tier-week"),
  hhi: n("Herfindahl-Hirschman index, sum((ATS shares / symbol shares)^2), 0-1; NULL when no shares"),
  hhi_10000: n("hhi x 10,000: the antitrust scale (> 2,500 highly concentrated)"),
  top_mpid: t("ATS with the most shares of the symbol; ties to the smallest MPID; NULL when no shares"),
  top_share: n("top_mpid's shares / the symbol's ATS shares; NULL when no shares"),
  capture_id: t("the capture the row was read from (ats.captures lists it)"),
  window_weeks: n("the trend window's length asked for, in weeks, ending at week_ending"),
  weeks_present: n("weeks of the window in which the ATS had shares > 0"),
  window_shares: n("the ATS's shares summed over the window (exact, fractions included)"),
  mean_share: n(
    "sum of the ATS's weekly market_share / weeks of the window with data; an absent week counts as 0",
  ),
  share_change: n(
    "share in the window's last week - share in its first week with data; NULL when absent from either",
  ),
  symbols_led: n("symbols whose top_mpid is the ATS"),
});
