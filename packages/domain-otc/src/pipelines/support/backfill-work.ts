import type { WeekRange } from "@spine/finra";
import {
  availableWeeks,
  groupTierWeeks,
  resolveWeekRange,
  tierWeekPartitions,
  weekRangeRequestOf,
} from "@spine/finra";
import type { BackfillWork, BackfillWorkProblem, ReadContext, Result } from "@spine/platform";
import { fail, ok, sourceFileFactsFor } from "@spine/platform";
import type { BackfillParams } from "./backfill-params.js";
import { contentPlacementVersion, noFilesMessage, readSourceDirectory } from "./source-directory.js";

function describeRequest(params: BackfillParams, range: WeekRange | null): string {
  const weeks = range ? ` for weeks ${range.start} .. ${range.end}` : "";
  return `no FINRA OTC files of tier ${params.tier.join(", ")}${weeks}`;
}

/** Lists source_dir, resolves the week range and groups the files into tier-weeks to backfill. */
export async function findBackfillWork(
  params: BackfillParams,
  read: ReadContext,
): Promise<Result<BackfillWork, BackfillWorkProblem>> {
  const facts = await sourceFileFactsFor(read, "otc", params.source_dir, contentPlacementVersion);
  const listing = await readSourceDirectory(params.source_dir, facts);
  if (!listing.ok) return fail({ message: listing.issues.join("; "), ignored: [] });
  const { directory, files, ignored } = listing.value;
  const range = resolveWeekRange(weekRangeRequestOf(params), availableWeeks(files, params.tier));
  const works = range ? groupTierWeeks(files, params.tier, range) : [];
  if (!range || works.length === 0)
    return fail({ message: noFilesMessage(directory, describeRequest(params, range)), ignored });
  const metrics = { range_start: range.start, range_end: range.end, source_dir: directory };
  return ok({ partitions: tierWeekPartitions(works), ignored, metrics });
}
