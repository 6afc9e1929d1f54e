import type { Tier } from "@spine/finra";
import { parseTierSelection, TIERS, weekEndingSchema, weekRangeIssues } from "@spine/finra";
import { backfillControlParams } from "@spine/platform";
import { z } from "zod";
import { maximumWindowWeeks } from "../../otc-stages.js";
import { windowWeeksParam } from "./rolling-window-params.js";

/** Where a backfill looks for files when no source_dir is given (relative to the working directory). */
export const defaultSourceDirectory = "fixtures/finra-otc/generated";

const tierSelectionSchema = z
  .union([z.string(), z.array(z.string())])
  .default("all")
  .transform((input, context): Tier[] => {
    const parsed = parseTierSelection(input);
    if (parsed.ok) return parsed.value;
    for (const message of parsed.issues) context.addIssue({ code: "custom", message });
    return z.NEVER;
  });

/** Parameters of `otc.backfill_range`; contradictory range parameters are reported as parameter issues. */
export const backfillParams = z
  .object({
    tier: tierSelectionSchema.meta({
      description:
        '"all" (default), one tier (OTC, tier1, NMS_TIER_2, ...), a comma list or an array of tiers',
      parameterType: "tiers",
      allowedValues: ["all", ...TIERS],
    }),
    start_week: weekEndingSchema
      .optional()
      .describe(
        "first week (Friday week_ending or Monday weekStartDate); default: the oldest week found in source_dir",
      ),
    end_week: weekEndingSchema
      .optional()
      .describe(
        "last week (Friday week_ending or Monday weekStartDate); default: the newest week found in source_dir",
      ),
    weeks_back: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "instead of start_week: this many weeks ending at end_week (or the newest week found in source_dir)",
      ),
    source_dir: z
      .string()
      .min(1)
      .default(defaultSourceDirectory)
      .describe(
        "folder of FINRA weekly files named finra_otc_weekly_{otc|tier1|tier2}_YYYYMMDD.csv or {otc|tier1|tier2}_week_YYYY-MM-DD.csv",
      ),
    ...backfillControlParams("tier-week"),
    window_weeks: windowWeeksParam.describe(
      `rolling window length in weeks (1..${maximumWindowWeeks}) for the rolling and snapshot stages`,
    ),
  })
  .superRefine((params, context) => {
    const request = { startWeek: params.start_week, endWeek: params.end_week, weeksBack: params.weeks_back };
    for (const issue of weekRangeIssues(request)) {
      context.addIssue({ code: "custom", path: [issue.parameter], message: issue.message });
    }
  });

export type BackfillParams = z.output<typeof backfillParams>;
