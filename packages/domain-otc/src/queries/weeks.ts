import { expectedPublicationDate, parseTier } from "@spine/finra";
import type { QueryContext } from "@spine/platform";
import {
  canonicalJson,
  compareText,
  defineQuery,
  partitionFieldsOf,
  partitionKeyPatterns,
} from "@spine/platform";
import { z } from "zod";
import { otcStages } from "../otc-stages.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { optionalTier, optionalWeekEnding } from "./support/query-params.js";
import { numberOf, numberOrNull } from "./support/row-values.js";

const weeksParams = z.object({ tier: optionalTier, week_ending: optionalWeekEnding });

/** An optional tier and week narrowing the listing. */
type PartitionFilter = z.output<typeof weeksParams>;

/** Coverage of one tier-week, filled from the latest captures, the manifest and the rejects. */
interface WeekCoverage {
  tier: string;
  week_ending: string;
  stages_done: string[];
  raw_rows: number | null;
  normalized_rows: number | null;
  symbols: number | null;
  rolling_variants: string[];
  snapshot_rows: number | null;
  rejects: number;
  source_revision: number | null;
  source_last_update_date: string | null;
}

function coverageFor(coverage: Map<string, WeekCoverage>, tier: string, weekEnding: string): WeekCoverage {
  const key = canonicalJson({ tier, week_ending: weekEnding });
  let entry = coverage.get(key);
  if (!entry) {
    entry = {
      tier,
      week_ending: weekEnding,
      stages_done: [],
      raw_rows: null,
      normalized_rows: null,
      symbols: null,
      rolling_variants: [],
      snapshot_rows: null,
      rejects: 0,
      source_revision: null,
      source_last_update_date: null,
    };
    coverage.set(key, entry);
  }
  return entry;
}

async function addLatestCaptures(
  context: QueryContext,
  filter: PartitionFilter,
  coverage: Map<string, WeekCoverage>,
) {
  let query = otcDatabase(context.scope).selectFrom("otc_captures_latest").selectAll();
  if (filter.tier !== undefined) query = query.where("tier", "=", filter.tier);
  if (filter.week_ending !== undefined) query = query.where("week_ending", "=", filter.week_ending);
  for (const capture of await query.execute()) {
    const entry = coverageFor(coverage, capture.tier, capture.week_ending);
    const rows = numberOf(capture.row_count);
    if (capture.stage === "ingest") {
      entry.raw_rows = rows;
      entry.source_revision = numberOrNull(capture.source_revision);
      entry.source_last_update_date = capture.source_last_update_date;
    }
    if (capture.stage === "normalize") entry.normalized_rows = rows;
    if (capture.stage === "aggregate") entry.symbols = rows;
    if (capture.stage === "rolling") entry.rolling_variants.push(capture.variant);
    if (capture.stage === "snapshot") entry.snapshot_rows = rows;
  }
}

async function addManifestStages(
  context: QueryContext,
  filter: PartitionFilter,
  coverage: Map<string, WeekCoverage>,
) {
  let query = context.scope.db
    .selectFrom("core_manifest")
    .select(["partition_key", "stage"])
    .where("domain", "=", "otc");
  for (const pattern of partitionKeyPatterns(otcCaptures.partitionFields, filter))
    query = query.where("partition_key", "like", pattern);
  for (const row of await query.execute()) {
    const { tier, week_ending: weekEnding } = partitionFieldsOf(
      otcCaptures.partitionFields,
      row.partition_key,
    );
    if (typeof tier === "string" && typeof weekEnding === "string")
      coverageFor(coverage, tier, weekEnding).stages_done.push(row.stage);
  }
}

// Only rejects of the executions behind the latest captures count: a re-ingest records its own
// rejects again, and the superseded run's rejects no longer describe the data in use.
async function addRejectCounts(
  context: QueryContext,
  filter: PartitionFilter,
  coverage: Map<string, WeekCoverage>,
) {
  let query = otcDatabase(context.scope)
    .selectFrom("otc_captures_latest as c")
    .innerJoin("core_rejects as r", "r.execution_id", "c.execution_id")
    .select((expression) => [
      "c.tier",
      "c.week_ending",
      expression.fn.count<number | string>("r.id").as("rejects"),
    ])
    .where("r.domain", "=", "otc")
    .groupBy(["c.tier", "c.week_ending"]);
  if (filter.tier !== undefined) query = query.where("c.tier", "=", filter.tier);
  if (filter.week_ending !== undefined) query = query.where("c.week_ending", "=", filter.week_ending);
  for (const row of await query.execute())
    coverageFor(coverage, row.tier, row.week_ending).rejects = numberOf(row.rejects);
}

function toRow(entry: WeekCoverage): Record<string, unknown> {
  const tier = parseTier(entry.tier);
  const stagesDone = otcStages.stages.filter((stage) => entry.stages_done.includes(stage));
  return {
    tier: entry.tier,
    week_ending: entry.week_ending,
    stages_done: stagesDone.join(","),
    raw_rows: entry.raw_rows,
    normalized_rows: entry.normalized_rows,
    symbols: entry.symbols,
    rolling_variants: [...entry.rolling_variants].sort(compareText).join(","),
    snapshot_rows: entry.snapshot_rows,
    rejects: entry.rejects,
    source_revision: entry.source_revision,
    source_last_update_date: entry.source_last_update_date,
    expected_publication_date: tier.ok ? expectedPublicationDate(tier.value, entry.week_ending) : null,
  };
}

/** Which tier-weeks are loaded and how far each got through the stages. */
export const weeksQuery = defineQuery({
  name: "otc.weeks",
  description:
    "Coverage per tier-week: stages done (manifest), rows per stage, rejects and latest source revision.",
  params: weeksParams,
  run: async (context, params) => {
    const coverage = new Map<string, WeekCoverage>();
    await addLatestCaptures(context, params, coverage);
    await addManifestStages(context, params, coverage);
    await addRejectCounts(context, params, coverage);
    return [...coverage.values()]
      .sort(
        (left, right) =>
          compareText(left.tier, right.tier) || compareText(left.week_ending, right.week_ending),
      )
      .map(toRow);
  },
});
