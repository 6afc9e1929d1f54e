import { tierWeekFreshness } from "@spine/finra";
import { createCompareCapturesQuery, createLedgerQueries } from "@spine/platform";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { optionalTier, optionalWeekEnding } from "./support/query-params.js";

/** otc.captures, otc.rejects (`-p all_runs=true` for every run), otc.quality and otc.freshness. */
export const ledgerQueries = createLedgerQueries(otcCaptures, {
  filters: { tier: optionalTier, week_ending: optionalWeekEnding },
  reasonCodeExample: "NEGATIVE_SHARE_QUANTITY",
  freshness: tierWeekFreshness,
});

export const { captures: capturesQuery, quality: qualityQuery, rejects: rejectsQuery } = ledgerQueries;

/** otc.compare_captures: two captures of one stage compared row by row, audit columns ignored. */
export const compareCapturesQuery = createCompareCapturesQuery(otcCaptures);
