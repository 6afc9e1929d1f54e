import { weekRangeRequestOf } from "@spine/finra";
import { findApiWork } from "@spine/finra-api";
import { defineBackfill } from "@spine/platform";
import { otcStages } from "../otc-stages.js";
import { backfillParams } from "./support/backfill-params.js";
import { findBackfillWork } from "./support/backfill-work.js";

/** Loads a range of FINRA weeks from a folder through every OTC stage, resuming where it left off. */
export const backfillRangePipeline = defineBackfill({
  name: "otc.backfill_range",
  description:
    "Backfill a range of weeks from a folder of FINRA files (or, with source=api, FINRA's Query API): ingest, normalize, aggregate, rolling and snapshot per tier-week (done stages are skipped; failed weeks are reported and retried on the next run).",
  params: backfillParams,
  domain: "otc",
  graph: otcStages,
  pipelines: {
    ingest: "otc.ingest_week",
    normalize: "otc.normalize_week",
    aggregate: "otc.aggregate_week",
    rolling: "otc.compute_rolling",
    snapshot: "otc.research_snapshot_week",
  },
  windowParameter: "window_weeks",
  // Another calculation version is computed beside the current one, week by week.
  extraRunParameters: { calc_version: ["aggregate", "snapshot"] },
  unit: "weeks",
  columns: {
    rows: { stage: "normalize", metric: "rows_read" },
    rejects: { stage: "normalize", metric: "rows_rejected" },
  },
  findWork: (params, read) =>
    params.source === "api"
      ? findApiWork("otc", { tiers: params.tier, ...weekRangeRequestOf(params) }, read)
      : findBackfillWork(params, read),
});
