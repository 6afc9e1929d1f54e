import type { WeekRange } from "@spine/finra";
import { resolveWeekRange } from "@spine/finra";
import type { TierWeekWork } from "../../calculations/backfill-plan.js";
import { availableWeeks, groupTierWeeks } from "../../calculations/backfill-plan.js";
import { fail, ok, type Result } from "../../models/result.js";
import type { BackfillParams } from "./backfill-params.js";
import { noFilesMessage, readSourceDirectory } from "./source-directory.js";

/** The tier-weeks a backfill covers, found in its source folder. */
export interface BackfillWork {
  readonly directory: string;
  readonly range: WeekRange;
  readonly works: TierWeekWork[];
  readonly ignored: string[];
}

/** A backfill that cannot start, with whatever the folder listing found. */
export interface BackfillWorkProblem {
  readonly message: string;
  readonly ignored: string[];
}

function describeRequest(params: BackfillParams, range: WeekRange | null): string {
  const weeks = range ? ` for weeks ${range.start} .. ${range.end}` : "";
  return `no FINRA OTC files of tier ${params.tier.join(", ")}${weeks}`;
}

/** Lists source_dir, resolves the week range and groups the files into tier-weeks to backfill. */
export async function findBackfillWork(
  params: BackfillParams,
): Promise<Result<BackfillWork, BackfillWorkProblem>> {
  const listing = await readSourceDirectory(params.source_dir);
  if (!listing.ok) return fail({ message: listing.issues.join("; "), ignored: [] });
  const { directory, files, ignored } = listing.value;
  const request = { startWeek: params.start_week, endWeek: params.end_week, weeksBack: params.weeks_back };
  const range = resolveWeekRange(request, availableWeeks(files, params.tier));
  const works = range ? groupTierWeeks(files, params.tier, range) : [];
  if (!range || works.length === 0)
    return fail({ message: noFilesMessage(directory, describeRequest(params, range)), ignored });
  return ok({ directory, range, works, ignored });
}
