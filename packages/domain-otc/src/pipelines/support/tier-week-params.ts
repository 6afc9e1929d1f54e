import { z } from "zod";
import type { Tier } from "../../models/tier.js";
import { tierSchema } from "../../models/tier.js";
import { weekEndingSchema } from "../../models/week.js";

/** Parameters naming one tier-week partition. */
export const tierWeekParams = z.object({
  week_ending: weekEndingSchema.describe("Friday week ending (YYYY-MM-DD); its Monday weekStartDate is accepted too"),
  tier: tierSchema.describe("NMS Tier 1, NMS Tier 2 or OTC (aliases: tier1, T1, NMS_TIER_1, OTCE, ...)"),
});

/** The manifest partition key of a tier-week. */
export function tierWeekKey(partition: { tier: Tier; week_ending: string }) {
  return { tier: partition.tier, week_ending: partition.week_ending };
}
