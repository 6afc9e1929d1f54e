import { tierSchema, weekEndingSchema } from "@spine/finra";
import {
  createCapturesQuery,
  createQualityQuery,
  createRejectsQuery,
  createRollbackPipeline,
} from "@spine/platform";
import { atsCaptures } from "../ats-captures.js";

const byTierWeek = {
  tier: tierSchema.optional().describe("only this tier"),
  week_ending: weekEndingSchema.optional().describe("only this week"),
};

/** ats.captures: what each stage wrote per tier-week, newest marked latest. */
export const atsCapturesQuery = createCapturesQuery(atsCaptures, {
  filters: byTierWeek,
  description: "ATS captures per tier-week and stage: number, latest or not, source file and revision, rows.",
});

/** ats.rejects: rows normalize set aside (summary rows among them), with line number and the line. */
export const atsRejectsQuery = createRejectsQuery(atsCaptures, {
  filters: byTierWeek,
  description: "Rejected ATS rows with reason code, line number and raw line (summary rows are SUMMARY_ROW).",
  reasonCodeExample: "SUMMARY_ROW",
});

/** ats.quality: the checks the ATS stages recorded. */
export const atsQualityQuery = createQualityQuery(atsCaptures, {
  filters: byTierWeek,
  description: "Quality checks of ATS tier-weeks: rows accounted for by normalize.",
});

/** ats.rollback_capture: removes a capture and what was computed from it. */
export const atsRollback = createRollbackPipeline(atsCaptures, {
  name: "ats.rollback_capture",
  exampleCaptureId: "ingest:ats-tier1:2025-09-12:2",
});
