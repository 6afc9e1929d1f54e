import {
  createCapturesQuery,
  createCompareCapturesQuery,
  createQualityQuery,
  createRejectsQuery,
} from "@spine/platform";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { optionalTier, optionalWeekEnding } from "./support/query-params.js";

/** otc.captures: every capture per tier-week and stage, the latest ones marked. */
export const capturesQuery = createCapturesQuery(otcCaptures, {
  filters: { tier: optionalTier, week_ending: optionalWeekEnding },
  description:
    "Captures per tier-week and stage: variant, number, whether latest, source revision and file, rows.",
});

/** otc.rejects: rejected input records with their reason and the original record. */
export const rejectsQuery = createRejectsQuery(otcCaptures, {
  filters: { week_ending: optionalWeekEnding, tier: optionalTier },
  description: "Rejected OTC rows with reason code, line number and raw record, oldest first.",
  reasonCodeExample: "NEGATIVE_SHARE_QUANTITY",
});

/** otc.quality: data-quality checks recorded by the OTC stages. */
export const qualityQuery = createQualityQuery(otcCaptures, {
  filters: { week_ending: optionalWeekEnding, tier: optionalTier },
  description:
    "Quality checks of OTC tier-weeks (check, severity, status, actual vs expected), oldest first.",
});

/** otc.compare_captures: two captures of one stage compared row by row, audit columns ignored. */
export const compareCapturesQuery = createCompareCapturesQuery(otcCaptures);
