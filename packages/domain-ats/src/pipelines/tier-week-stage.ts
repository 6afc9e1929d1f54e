import { tierSchema, weekEndingSchema } from "@spine/finra";
import { type PipelineContext, requireLatestCapture } from "@spine/platform";
import { z } from "zod";
import { atsCaptures } from "../ats-captures.js";
import type { AtsStage } from "../ats-stages.js";

/** The parameters of a stage that works on one stored tier-week. */
export const tierWeekParams = z.object({
  tier: tierSchema.describe("NMS Tier 1, NMS Tier 2 or OTC (aliases: tier1, T1, OTCE, ...)"),
  week_ending: weekEndingSchema.describe("Friday week ending, or FINRA's Monday weekStartDate"),
});

/** A parsed tier-week. */
export type TierWeekParams = z.output<typeof tierWeekParams>;

/** The stage declaration shared by the stages after ingest: the partition is the tier-week itself. */
export function tierWeekStage(stage: AtsStage) {
  return {
    domain: "ats",
    stage,
    partition: (input: TierWeekParams) => ({ key: { tier: input.tier, week_ending: input.week_ending } }),
  };
}

/** The newest capture an earlier stage wrote for the tier-week, or NOT_FOUND naming the pipeline to run. */
export function latestInput(
  context: Pick<PipelineContext, "scope">,
  input: TierWeekParams,
  stage: AtsStage,
  pipeline: string,
) {
  const partition = { tier: input.tier, week_ending: input.week_ending };
  return requireLatestCapture(context.scope, atsCaptures, {
    partition,
    stage,
    hint: `run ${pipeline} first`,
  });
}
