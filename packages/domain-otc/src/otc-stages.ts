import { addWeeks } from "@spine/finra";
import { definePartition, defineStageGraph } from "@spine/platform";

/** Longest rolling window the domain supports; a week's aggregate can sit in that many windows. */
export const maximumWindowWeeks = 52;

/** OTC data is partitioned by tier and FINRA week; each tier's weeks form a series. */
export const otcPartition = definePartition({
  fields: ["tier", "week_ending"],
  order: { field: "week_ending", advance: addWeeks },
  noun: "tier-week",
});

/**
 * The OTC stages, declared once: their order, and the rolling window reading the aggregates of
 * the weeks that end at its own (its snapshot follows it).
 */
export const otcStages = defineStageGraph({
  partition: otcPartition,
  stages: ["ingest", "normalize", "aggregate", "rolling", "snapshot"],
  windows: { rolling: { reads: "aggregate", maximumSize: maximumWindowWeeks } },
});

/** One OTC stage name. */
export type OtcStage = (typeof otcStages.stages)[number];
