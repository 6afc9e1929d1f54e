import { expectedPublicationDate, parseTier } from "@spine/finra";
import type { PartitionCoverage } from "@spine/platform";
import { compareText, defineCapturedQuery, readPartitionCoverage } from "@spine/platform";
import { z } from "zod";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { optionalTier, optionalWeekEnding } from "./support/query-params.js";
import { numberOf, numberOrNull } from "./support/row-values.js";

const weeksParams = z.object({ tier: optionalTier, week_ending: optionalWeekEnding });

function rowsOfStage(coverage: PartitionCoverage, stage: string): number | null {
  const capture = coverage.latestCaptures.find((latest) => latest.stage === stage);
  return capture ? numberOf(capture.row_count) : null;
}

function toRow(coverage: PartitionCoverage): Record<string, unknown> {
  const tierText = coverage.partition.tier ?? "";
  const weekEnding = coverage.partition.week_ending ?? "";
  const tier = parseTier(tierText);
  const ingest = coverage.latestCaptures.find((capture) => capture.stage === "ingest");
  const rollingVariants = coverage.latestCaptures
    .filter((capture) => capture.stage === "rolling")
    .map((capture) => capture.variant);
  return {
    tier: tierText,
    week_ending: weekEnding,
    stages_done: coverage.stagesDone.join(","),
    stages_stale: coverage.stagesStale.map((entry) => entry.stage).join(","),
    stale: coverage.stagesStale.length > 0,
    stale_reason: coverage.stagesStale[0]?.reason ?? null,
    raw_rows: rowsOfStage(coverage, "ingest"),
    normalized_rows: rowsOfStage(coverage, "normalize"),
    symbols: rowsOfStage(coverage, "aggregate"),
    rolling_variants: rollingVariants.sort(compareText).join(","),
    snapshot_rows: rowsOfStage(coverage, "snapshot"),
    rejects: coverage.rejects,
    source_revision: numberOrNull(ingest?.source_revision),
    source_last_update_date: ingest?.publication_date ?? null,
    expected_publication_date: tier.ok ? expectedPublicationDate(tier.value, weekEnding) : null,
  };
}

/** Which tier-weeks are loaded and how far each got through the stages. */
export const weeksQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.weeks",
  description:
    "Coverage per tier-week: stages done (manifest), stages stale (an input changed since they ran), rows per stage, rejects and latest source revision (or as_of a date).",
  params: weeksParams,
  run: async (context, params) =>
    (await readPartitionCoverage(context.scope, otcCaptures, params, { asOf: context.asOf })).map(toRow),
});
