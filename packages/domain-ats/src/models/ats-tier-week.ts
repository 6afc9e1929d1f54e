import { type Tier, tierSchema, weekEndingSchema } from "@spine/finra";
import { z } from "zod";

/** The ATS partition. FINRA publishes ATS volume per tier and week, on the same calendar as the non-ATS data
 * (NMS Tier 1 three weeks after the week starts, NMS Tier 2 and OTC five). */
export interface AtsTierWeek {
  readonly tier: Tier;
  /** Friday of the trading week. */
  readonly weekEnding: string;
}

/** Reads `tier` and `week_ending` (any tier alias; a Friday or FINRA's Monday weekStartDate). */
export const atsTierWeekParams = z
  .object({ tier: tierSchema, week_ending: weekEndingSchema })
  .transform((params): AtsTierWeek => ({ tier: params.tier, weekEnding: params.week_ending }));
