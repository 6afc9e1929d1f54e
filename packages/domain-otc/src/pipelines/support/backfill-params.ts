import { refineWeekRange, tierSelectionSchema, weekRangeParams } from "@spine/finra";
import { backfillSourceParam } from "@spine/finra-api";
import { backfillControlParams, calculationVersionParam } from "@spine/platform";
import { z } from "zod";
import { aggregateCalculationNames, otcCalculations } from "../../calculations/calculation-versions.js";
import { maximumWindowWeeks } from "../../otc-stages.js";
import { windowWeeksParam } from "./rolling-window-params.js";

/** Where a backfill looks for files when no source_dir is given (relative to the working directory). */
export const defaultSourceDirectory = "fixtures/finra-otc/generated";

/** Parameters of `otc.backfill_range`; contradictory range parameters are reported as parameter issues. */
export const backfillParams = z
  .object({
    tier: tierSelectionSchema,
    ...weekRangeParams,
    source_dir: z
      .string()
      .min(1)
      .default(defaultSourceDirectory)
      .describe(
        "folder of FINRA weekly files named finra_otc_weekly_{otc|tier1|tier2}_YYYYMMDD.csv or {otc|tier1|tier2}_week_YYYY-MM-DD.csv",
      ),
    source: backfillSourceParam,
    ...backfillControlParams("tier-week"),
    window_weeks: windowWeeksParam.describe(
      `rolling window length in weeks (1..${maximumWindowWeeks}) for the rolling and snapshot stages`,
    ),
    calc_version: calculationVersionParam(otcCalculations, [
      ...aggregateCalculationNames,
      "research_snapshot",
    ]),
  })
  .superRefine(refineWeekRange);

export type BackfillParams = z.output<typeof backfillParams>;
