/**
 * @spine/domain-ats: FINRA ATS weekly transparency data (FINRA Rule 4552) for Market Spine. So far
 * the pure rules and calculations; the pipelines come once the platform's sources, ingest, captures
 * and backfill modules land. FINRA facts shared with the OTC domain come from @spine/finra.
 */

export { atsDomain } from "./ats-domain.js";
export { ATS_CALCULATIONS, type AtsCalculationName } from "./calculations/ats-calculation-versions.js";
export { type AtsSymbolConcentration, computeAtsConcentration } from "./calculations/ats-concentration.js";
export { type AtsMarketShare, computeAtsMarketShares } from "./calculations/ats-market-share.js";
export { type AtsShareTrend, computeAtsShareTrends } from "./calculations/ats-share-trend.js";
export {
  type AtsRowContext,
  type AtsRowOutcome,
  judgeAtsRows,
  type RejectedAtsRow,
  validateAtsRow,
} from "./calculations/validate-ats-row.js";
export type { AtsTables } from "./database/ats-tables.js";
export {
  ATS_DETAIL_TYPE_CODE,
  ATS_SUMMARY_TYPE_CODES,
  describeAtsSummaryRow,
} from "./models/ats-summary-type.js";
export { type AtsTierWeek, atsTierWeekParams } from "./models/ats-tier-week.js";
