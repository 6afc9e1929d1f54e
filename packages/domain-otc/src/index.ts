/**
 * @spine/domain-otc: FINRA OTC weekly transparency data for Market Spine. Register `otcDomain`
 * with the platform; its own pure calculations are exported for research code and tests, and the
 * FINRA facts it builds on (tiers, weeks, publication, row validation, shares) come from @spine/finra.
 */

// The record key a record hash is taken over (see README, Identity).
export { canonicalRecordKey, recordKeyPrefix } from "./calculations/record-key.js";
export type { OtcTables } from "./database/otc-tables.js";
export { createOtcTables } from "./migrations/0001-create-otc-tables.js";
export { otcDomain } from "./otc-domain.js";
export { aggregateWeekPipeline } from "./pipelines/aggregate-week.js";
export { backfillRangePipeline } from "./pipelines/backfill-range.js";
export { computeRollingPipeline } from "./pipelines/compute-rolling.js";
export { ingestWeekPipeline } from "./pipelines/ingest-week.js";
export { normalizeWeekPipeline } from "./pipelines/normalize-week.js";
export { researchSnapshotWeekPipeline } from "./pipelines/research-snapshot-week.js";
export { rollbackCapturePipeline } from "./pipelines/rollback-capture.js";
export type { SymbolSummary } from "./pure.js";
export { CALCULATIONS, computeLiquidityScore, computeSymbolSummaries } from "./pure.js";
export { capturesQuery, qualityQuery, rejectsQuery } from "./queries/capture-queries.js";
export { marketConcentrationQuery, venueHistoryQuery } from "./queries/market-history.js";
export { symbolHistoryQuery } from "./queries/symbol-history.js";
export { symbolVenuesQuery } from "./queries/symbol-venues.js";
export { topSymbolsQuery } from "./queries/top-symbols.js";
export { venueSharesQuery } from "./queries/venue-shares.js";
export { weeksQuery } from "./queries/weeks.js";
