import type { Tier } from "@spine/finra";
import { expectedPublicationDate } from "@spine/finra";
import {
  createCapturesQuery,
  createFreshnessQuery,
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

/** otc.freshness: per tier, the latest week loaded, gaps, the next publication expected, lateness. */
export const freshnessQuery = createFreshnessQuery(otcCaptures, {
  stage: "ingest",
  expectedPublication: (key) => expectedPublicationDate(key.tier as Tier, String(key.week_ending)),
  description:
    "Freshness per tier: latest week loaded, missing weeks inside the loaded range, next publication expected (Tuesday after a Monday holiday), days late.",
});
