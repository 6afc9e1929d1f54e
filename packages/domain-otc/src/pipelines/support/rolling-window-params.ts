import { z } from "zod";
import { maximumWindowWeeks } from "../../otc-stages.js";
import { tierWeekParams } from "./tier-week-params.js";

/** The rolling window length parameter, the same wherever a window is chosen. */
export const windowWeeksParam = z
  .number()
  .int()
  .min(1)
  .max(maximumWindowWeeks)
  .default(6)
  .describe(`rolling window length in weeks (1..${maximumWindowWeeks}), ending at week_ending`);

/** A tier-week plus the rolling window length, shared by the rolling and snapshot stages. */
export const rollingWindowParams = tierWeekParams.extend({ window_weeks: windowWeeksParam });

/** Capture variant (and stage fingerprint) of a window length, so window variants live side by side. */
export function windowVariant(windowWeeks: number): string {
  return `window_${windowWeeks}`;
}
