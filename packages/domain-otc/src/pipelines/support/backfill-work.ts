import type { TierWeekWork, WeekRange } from "@spine/finra";
import { availableWeeks, groupTierWeeks, resolveWeekRange, weekRangeRequestOf } from "@spine/finra";
import type { BackfillWork, BackfillWorkProblem, Result } from "@spine/platform";
import { fail, ok } from "@spine/platform";
import type { BackfillParams } from "./backfill-params.js";
import { noFilesMessage, readSourceDirectory } from "./source-directory.js";

function describeRequest(params: BackfillParams, range: WeekRange | null): string {
  const weeks = range ? ` for weeks ${range.start} .. ${range.end}` : "";
  return `no FINRA OTC files of tier ${params.tier.join(", ")}${weeks}`;
}

// Each file is one input of its tier-week's ingest, oldest publication first.
function partitionWork(work: TierWeekWork) {
  return {
    key: { tier: work.tier, week_ending: work.weekEnding },
    inputs: work.files.map((file) => ({ label: file.fileName, params: { file_path: file.path } })),
  };
}

/** Lists source_dir, resolves the week range and groups the files into tier-weeks to backfill. */
export async function findBackfillWork(
  params: BackfillParams,
): Promise<Result<BackfillWork, BackfillWorkProblem>> {
  const listing = await readSourceDirectory(params.source_dir);
  if (!listing.ok) return fail({ message: listing.issues.join("; "), ignored: [] });
  const { directory, files, ignored } = listing.value;
  const range = resolveWeekRange(weekRangeRequestOf(params), availableWeeks(files, params.tier));
  const works = range ? groupTierWeeks(files, params.tier, range) : [];
  if (!range || works.length === 0)
    return fail({ message: noFilesMessage(directory, describeRequest(params, range)), ignored });
  const metrics = { range_start: range.start, range_end: range.end, source_dir: directory };
  return ok({ partitions: works.map(partitionWork), ignored, metrics });
}
