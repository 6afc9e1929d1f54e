import { defineColumnDictionary, type ColumnMeaning as Entry } from "@spine/platform";

const n = (description: string): Entry => ["number", description];
const t = (description: string): Entry => ["text", description];

// The data dictionary of OTC query columns (the README's tables say the same, with examples).
// Zero-activity rows (shares = 0 and trades = 0) are data but never count as an active venue or symbol.
const dictionary: Readonly<Record<string, Entry>> = {
  tier: t("FINRA tier: NMS Tier 1, NMS Tier 2 or OTC"),
  week_ending: t("Friday ending the FINRA week (YYYY-MM-DD)"),
  symbol: t("issue symbol as FINRA reports it"),
  issue_name: t("smallest non-NULL issue name among the symbol's venue rows (byte order); NULL when none"),
  rank: n("1 = largest; ties go to the smaller symbol or MPID (byte order)"),
  total_volume: n("sum of share_volume over the symbol's venue rows of the tier-week (exact)"),
  total_trades: n("sum of trade_count over the symbol's venue rows of the tier-week"),
  venue_count: n("venues (MPIDs) with shares > 0 or trades > 0 for the symbol"),
  avg_trade_size: n("total_volume / total_trades; NULL when total_trades = 0"),
  hhi: n(
    "Herfindahl-Hirschman index, sum((venue volume / total_volume)^2), 0-1 scale; NULL when total_volume = 0",
  ),
  hhi_10000: n("hhi x 10,000: the 0-10,000 scale of antitrust practice (> 2,500 highly concentrated)"),
  top_mpid: t(
    "venue with the largest volume; ties go to the smallest MPID (byte order); NULL when total_volume = 0",
  ),
  top_share: n("top_mpid's volume / total_volume; NULL when total_volume = 0"),
  liquidity_score: n(
    "v1: avg_trade_size x venue_count (NULL without trades); v2: total_trades x venue_count",
  ),
  calc_version: t(
    "version of the calculation that wrote the value (calc_version parameter; default current)",
  ),
  mpid: t("market participant identifier of the venue"),
  share_volume: n("shares the venue reported for the symbol in the tier-week (exact; fractions kept)"),
  trade_count: n("trades the venue reported for the symbol in the tier-week"),
  market_participant_name: t("smallest non-NULL spelling of the venue's name (byte order)"),
  venue_total_volume: n("sum of the venue's share_volume over every symbol of the tier-week"),
  venue_total_trades: n("sum of the venue's trade_count over every symbol of the tier-week"),
  symbol_count: n("symbols with shares > 0 or trades > 0 at the venue"),
  venues: n("venues (MPIDs) with shares > 0 or trades > 0 in the tier-week"),
  market_hhi: n(
    "sum over those venues of market_share^2, 0-1 scale: how concentrated the tier-week's volume is",
  ),
  market_hhi_10000: n("market_hhi x 10,000 (the antitrust scale; > 2,500 highly concentrated)"),
  market_share: n("venue volume / tier-week volume (0 when that is 0); a tier-week's shares sum to 1"),
  window_weeks: n("rolling window length in weeks, ending at week_ending"),
  weeks_available: n("weeks of the window with tier data loaded: the averaging denominator"),
  weeks_traded: n("available weeks in which the symbol had shares > 0 or trades > 0"),
  avg_volume: n("sum of weekly volume / weeks_available; an available week without the symbol counts as 0"),
  avg_trades: n("sum of weekly trades / weeks_available; an available week without the symbol counts as 0"),
  min_volume: n("smallest weekly volume over the available weeks (0 when absent from one)"),
  max_volume: n("largest weekly volume over the available weeks"),
  trend_pct: n(
    "(latest available week's volume - earliest's) / earliest x 100; NULL if < 2 weeks or earliest = 0",
  ),
  trend_direction: t("UP if trend_pct > 5, DOWN if < -5, FLAT within ±5, UNKNOWN when trend_pct is NULL"),
  is_complete: ["flag", "true when every week of the window is available (weeks_available = window_weeks)"],
  expected_publication_date: t(
    "FINRA's first publication of the week (see README: Monday rule, Tuesday after a holiday)",
  ),
  source_last_update_date: t("lastUpdateDate of the file revision the values come from"),
};

/** The dictionary entries of `names`, in order; `output=key` names a column after another entry. */
export const otcColumns = defineColumnDictionary(dictionary, {
  fallbackKey: (name) => name.replace(/^rolling_/, ""),
});
