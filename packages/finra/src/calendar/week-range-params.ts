import { z } from "zod";
import { weekEndingSchema } from "./week.js";
import type { WeekRangeRequest } from "./week-range.js";
import { weekRangeIssues } from "./week-range.js";

/**
 * The longest range `weeks_back` may ask for: twenty years, far beyond FINRA's weekly files (2012
 * onwards), yet small enough that the dates it implies stay valid.
 */
export const maximumWeeksBack = 1_040;

/**
 * The zod fields of a backfill's week range, to spread into a pipeline's parameters: open bounds
 * default to the oldest or newest week found in the source folder (see resolveWeekRange).
 */
export const weekRangeParams = {
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
    .max(maximumWeeksBack)
    .optional()
    .describe(
      `instead of start_week (1..${maximumWeeksBack}): this many weeks ending at end_week (or the newest week found in source_dir)`,
    ),
};

/** The values of {@link weekRangeParams} after parsing. */
export interface WeekRangeParams {
  readonly start_week?: string | undefined;
  readonly end_week?: string | undefined;
  readonly weeks_back?: number | undefined;
}

/** The range request the parameters make, for resolveWeekRange and weekRangeIssues. */
export function weekRangeRequestOf(params: WeekRangeParams): WeekRangeRequest {
  return { startWeek: params.start_week, endWeek: params.end_week, weeksBack: params.weeks_back };
}

/**
 * Reports contradictory range parameters as parameter issues on the parameter to change; pass it
 * to the object schema's `superRefine`.
 */
export function refineWeekRange(params: WeekRangeParams, context: z.RefinementCtx): void {
  for (const issue of weekRangeIssues(weekRangeRequestOf(params))) {
    context.addIssue({ code: "custom", path: [issue.parameter], message: issue.message });
  }
}
