/** @spine/domain-ats: FINRA ATS weekly data (Rule 4552) on the platform; FINRA facts from @spine/finra. */
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
