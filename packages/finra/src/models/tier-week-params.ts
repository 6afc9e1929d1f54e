import { z } from "zod";
import { weekEndingSchema } from "../calendar/week.js";
import type { Tier } from "./tier.js";
import { parseTier, TIERS, tierSchema, tierSlug } from "./tier.js";

/** A tier parameter; the meta tells `spine describe` its allowed values. */
export const tierParam = tierSchema.meta({ parameterType: "tier", allowedValues: [...TIERS] });

/** A week parameter: a Friday week ending or its Monday weekStartDate. */
export const weekEndingParam = weekEndingSchema.meta({ parameterType: "date (YYYY-MM-DD, Friday)" });

/** Parameters naming one tier-week, the partition of FINRA's weekly data. */
export const tierWeekParams = z.object({
  week_ending: weekEndingParam.meta({
    description: "Friday week ending (YYYY-MM-DD); its Monday weekStartDate is accepted too",
  }),
  tier: tierParam.meta({
    description: "NMS Tier 1, NMS Tier 2 or OTC (aliases: tier1, T1, NMS_TIER_1, OTCE, ...)",
  }),
});

/** The partition key of a tier-week. */
export function tierWeekKey(partition: { tier: Tier; week_ending: string }) {
  return { tier: partition.tier, week_ending: partition.week_ending };
}

/** A capture id's partition label, `<prefix><tier slug>:<week ending>` (`ats-tier1:2025-09-12`). */
export function tierWeekLabel(prefix = "") {
  return ({ tier, week_ending }: Readonly<Record<string, unknown>>): string => {
    const parsed = parseTier(String(tier));
    return `${prefix}${parsed.ok ? tierSlug(parsed.value) : String(tier)}:${String(week_ending)}`;
  };
}
