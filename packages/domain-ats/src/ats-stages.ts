import { addWeeks } from "@spine/finra";
import { definePartition, defineStageGraph } from "@spine/platform";

/** The widest trend window an ATS run accepts, in weeks (a quarter and a half of a year). */
export const longestTrendWeeks = 26;

const tierWeek = definePartition({
  noun: "tier-week",
  fields: ["tier", "week_ending"],
  // Each tier's weeks follow each other; a trend window walks back along them.
  order: { advance: addWeeks, field: "week_ending" },
});

/**
 * The ATS workflow per tier-week, declared once for the stage order, the backfill and the window
 * invalidation: `trend` reads the `aggregate` output of the weeks ending at its own.
 */
export const atsStageGraph = defineStageGraph({
  stages: ["ingest", "normalize", "aggregate", "trend", "snapshot"],
  windows: { trend: { maximumSize: longestTrendWeeks, reads: "aggregate" } },
  partition: tierWeek,
});

/** A stage of the ATS workflow. */
export type AtsStage = (typeof atsStageGraph.stages)[number];
