import { addWeeks } from "@spine/finra";
import { definePartition, defineStageGraph } from "@spine/platform";
import { z } from "zod";

/** The widest trend window an ATS run accepts, in weeks (a quarter and a half of a year). */
export const longestTrendWeeks = 26;

const tierWeek = definePartition({
  noun: "tier-week",
  fields: ["tier", "week_ending"],
  order: { advance: addWeeks, field: "week_ending" },
});

/** The ATS workflow per tier-week, declared once for the stage order, the backfill and the window
 * invalidation: `trend` reads the `aggregate` output of the weeks ending at its own. */
export const atsStageGraph = defineStageGraph({
  stages: ["ingest", "normalize", "aggregate", "trend", "snapshot"],
  windows: { trend: { maximumSize: longestTrendWeeks, reads: "aggregate" } },
  partition: tierWeek,
});

/** A stage of the ATS workflow. */
export type AtsStage = (typeof atsStageGraph.stages)[number];

/** The length of a trend window, in weeks, ending at the tier-week's own. */
export const windowWeeks = z
  .number()
  .int()
  .min(1)
  .max(longestTrendWeeks)
  .default(4)
  .describe("weeks per trend window");
