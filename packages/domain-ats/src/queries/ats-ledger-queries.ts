import { tierSchema, tierWeekFreshness, weekEndingSchema } from "@spine/finra";
import { createLedgerQueries, createRollbackPipeline } from "@spine/platform";
import { atsCaptures } from "../ats-captures.js";

const byTierWeek = {
  tier: tierSchema.optional().describe("only this tier"),
  week_ending: weekEndingSchema.optional().describe("only this week"),
};

/** ats.captures, ats.rejects (summary rows are SUMMARY_ROW), ats.quality and ats.freshness. */
export const atsLedgerQueries = createLedgerQueries(atsCaptures, {
  filters: byTierWeek,
  reasonCodeExample: "SUMMARY_ROW",
  freshness: tierWeekFreshness,
});

/** ats.rollback_capture: removes a capture and what was computed from it. */
export const atsRollback = createRollbackPipeline(atsCaptures, {
  name: "ats.rollback_capture",
  exampleCaptureId: "ingest:ats-tier1:2025-09-12:2",
});
