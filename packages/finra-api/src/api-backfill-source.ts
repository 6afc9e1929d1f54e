import {
  type FinraDataset,
  isWithinRange,
  type PublishedTierWeek,
  resolveWeekRange,
  TIERS,
  type Tier,
  type WeekRange,
  type WeekRangeRequest,
  weekRangeParams,
} from "@spine/finra";
import type { BackfillWork, BackfillWorkProblem, PartitionWork, ReadContext, Result } from "@spine/platform";
import { compareText, fail, ok } from "@spine/platform";
import { z } from "zod";
import { describeFetchRequest } from "./define-fetch-week-pipeline.js";
import { createFinraApiClient, publishedTierWeeks } from "./finra-api-client.js";
import { readFinraApiSettings } from "./finra-api-settings.js";

/** How many of each tier's newest published weeks a backfill fetches again, loaded or not. */
export const REFETCHED_TRAILING_WEEKS = 2;

/** The `source` parameter of a FINRA backfill: a folder of files (default) or FINRA's Query API. */
export const backfillSourceParam = z
  .enum(["files", "api"])
  .default("files")
  .describe(
    "files: read source_dir; api: fetch the missing weeks from FINRA's Query API (SPINE_FINRA_API_URL)",
  );

/**
 * The parameters a backfill without a `weeks_back` of its own spreads in for the API source:
 * `source`, and `weeks_back` (the newest N weeks up to the range's end, FINRA's newest by default).
 */
export const apiSourceParams = {
  source: backfillSourceParam,
  weeks_back: weekRangeParams.weeks_back.describe("source=api: the newest N weeks up to the last week asked"),
};

/** What an API backfill asks for: tiers and a week range (open bounds: FINRA's oldest or newest). */
export interface ApiWorkRequest extends WeekRangeRequest {
  readonly tiers: readonly Tier[];
}

/** The domain of a backfill's API source, named as its FINRA dataset; it fetches through `<domain>.fetch_week`. */
export type ApiBackfillSource = FinraDataset;

// Each tier's newest published weeks: FINRA restates them, so they are fetched again.
function trailingWeeks(published: readonly PublishedTierWeek[]): Set<string> {
  const trailing = new Set<string>();
  for (const tier of TIERS) {
    const weeks = published.filter((week) => week.tier === tier).map((week) => week.weekEnding);
    for (const week of weeks.sort().slice(-REFETCHED_TRAILING_WEEKS)) trailing.add(`${tier}|${week}`);
  }
  return trailing;
}

async function partitionOf(
  source: ApiBackfillSource,
  read: ReadContext,
  week: PublishedTierWeek,
  refetch: boolean,
): Promise<PartitionWork> {
  const key = { tier: week.tier, week_ending: week.weekEnding };
  const loaded = (await read.manifest.get(source, key, "ingest")) !== null;
  if (loaded && !refetch) return { key, inputs: [] };
  const label = describeFetchRequest(source, key, new Date().toISOString().slice(0, 10));
  return { key, inputs: [{ label, params: {}, pipeline: `${source}.fetch_week` }] };
}

function inRange(published: readonly PublishedTierWeek[], tiers: readonly Tier[], range: WeekRange) {
  return published
    .filter((week) => tiers.includes(week.tier) && isWithinRange(week.weekEnding, range))
    .sort(
      (left, right) =>
        compareText(left.weekEnding, right.weekEnding) ||
        TIERS.indexOf(left.tier) - TIERS.indexOf(right.tier),
    );
}

/**
 * A backfill's work from FINRA's partitions endpoint: the published tier-weeks of the tiers and
 * range asked (open bounds and weeks_back count from FINRA's newest week), each fetched when not
 * yet loaded, and each tier's trailing {@link REFETCHED_TRAILING_WEEKS} published weeks fetched
 * again to catch restatements. A loaded week is a partition without inputs: only its later stages
 * run (or skip).
 */
export async function findApiWork(
  source: ApiBackfillSource,
  request: ApiWorkRequest,
  read: ReadContext,
): Promise<Result<BackfillWork, BackfillWorkProblem>> {
  const client = createFinraApiClient(readFinraApiSettings(read.environment), read.logger);
  const published = (await publishedTierWeeks(client)).filter((week) => request.tiers.includes(week.tier));
  const range = resolveWeekRange(
    request,
    published.map((week) => week.weekEnding),
  );
  const wanted = range === null ? [] : inRange(published, request.tiers, range);
  if (range === null || wanted.length === 0) {
    const asked = range === null ? "" : ` in weeks ${range.start} .. ${range.end}`;
    const message = `FINRA's Query API (${client.baseUrl}) lists no published weeks of ${request.tiers.join(", ")}${asked}`;
    return fail({ message, ignored: [] });
  }
  const trailing = trailingWeeks(published);
  const partitions: PartitionWork[] = [];
  for (const week of wanted)
    partitions.push(await partitionOf(source, read, week, trailing.has(`${week.tier}|${week.weekEnding}`)));
  const fetches = partitions.filter((partition) => partition.inputs.length > 0).length;
  const metrics = { source: "api", range_start: range.start, range_end: range.end, weeks_to_fetch: fetches };
  return ok({ partitions, ignored: [], metrics });
}
