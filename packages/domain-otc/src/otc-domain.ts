import { finraSourceIdentification } from "@spine/finra";
import { defineDomain } from "@spine/platform";
import { otcCalculations } from "./calculations/calculation-versions.js";
import { otcMigrations } from "./migrations/otc-migrations.js";
import { otcStages } from "./otc-stages.js";
import { aggregateWeekPipeline } from "./pipelines/aggregate-week.js";
import { backfillRangePipeline } from "./pipelines/backfill-range.js";
import { computeRollingPipeline } from "./pipelines/compute-rolling.js";
import { fetchWeekPipeline } from "./pipelines/fetch-week.js";
import { ingestWeekPipeline } from "./pipelines/ingest-week.js";
import { normalizeWeekPipeline } from "./pipelines/normalize-week.js";
import { researchSnapshotWeekPipeline } from "./pipelines/research-snapshot-week.js";
import { rollbackCapturePipeline } from "./pipelines/rollback-capture.js";
import { otcCaptures } from "./pipelines/support/otc-captures.js";
import { identifySourceContent } from "./pipelines/support/source-identity.js";
import { compareCapturesQuery, ledgerQueries } from "./queries/capture-queries.js";
import { liquidityQuery } from "./queries/liquidity.js";
import { marketConcentrationQuery, venueHistoryQuery } from "./queries/market-history.js";
import { researchSnapshotQuery } from "./queries/research-snapshot.js";
import { rollingQuery } from "./queries/rolling.js";
import { symbolHistoryQuery } from "./queries/symbol-history.js";
import { symbolVenuesQuery } from "./queries/symbol-venues.js";
import { topSymbolsQuery } from "./queries/top-symbols.js";
import { venueSharesQuery } from "./queries/venue-shares.js";
import { weeksQuery } from "./queries/weeks.js";

/** The FINRA OTC weekly transparency domain, as registered with the platform. */
export const otcDomain = defineDomain({
  name: "otc",
  description: "FINRA OTC (non-ATS) weekly transparency data: NMS Tier 1, NMS Tier 2 and OTC.",
  graph: otcStages,
  calculations: otcCalculations,
  captures: otcCaptures,
  pipelines: [
    ingestWeekPipeline,
    normalizeWeekPipeline,
    aggregateWeekPipeline,
    computeRollingPipeline,
    researchSnapshotWeekPipeline,
    rollbackCapturePipeline,
    backfillRangePipeline,
    fetchWeekPipeline,
  ],
  migrations: otcMigrations,
  load: {
    pipeline: backfillRangePipeline.name,
    sourceParameter: "source_dir",
    sources: finraSourceIdentification("otc", identifySourceContent),
  },
  queries: [
    weeksQuery,
    topSymbolsQuery,
    venueSharesQuery,
    symbolHistoryQuery,
    symbolVenuesQuery,
    venueHistoryQuery,
    marketConcentrationQuery,
    liquidityQuery,
    rollingQuery,
    researchSnapshotQuery,
    ...Object.values(ledgerQueries),
    compareCapturesQuery,
  ],
});
