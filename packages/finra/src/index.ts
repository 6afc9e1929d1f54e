/**
 * @spine/finra: facts about FINRA's weekly OTC and ATS transparency data that every FINRA domain
 * shares, and the pure calculations they build on. zod only, no I/O.
 */

export { hasActivity } from "./calculations/activity.js";
export { averageTradeSize } from "./calculations/average-trade-size.js";
export {
  type AcceptedVenueRow,
  judgeVenueRows,
  type RejectedVenueRow,
  type VenueRowOutcome,
  venueRowReject,
} from "./calculations/judge-venue-rows.js";
export {
  type CountIssue,
  isCanonicalCount,
  maximumCount,
  maximumCountDigits,
  parseCount,
} from "./calculations/parse-count.js";
export {
  maximumShareDigits,
  parseShareQuantity,
  type ShareQuantityIssue,
} from "./calculations/parse-share-quantity.js";
export {
  computeRollingMetrics,
  type RollingMetricsInput,
  type RollingSymbolMetrics,
  type TrendDirection,
  type WeeklySymbolVolume,
  windowWeekEndings,
} from "./calculations/rolling-metrics.js";
export { computeSymbolConcentration, type SymbolConcentration } from "./calculations/symbol-concentration.js";
export {
  type RowPartition,
  type VenueRowValidation,
  validateVenueRow,
} from "./calculations/validate-venue-row.js";
export { computeVenueShares, type VenueShare } from "./calculations/venue-share.js";
export { checkSharesSumToOne, compareToPreviousWeeks } from "./calculations/weekly-quality-checks.js";
export { impliedWeekOfRow, mondayOnOrBefore, type WeekRule } from "./calendar/implied-week.js";
export {
  isUsMarketHoliday,
  type MarketHoliday,
  usMarketHolidayOn,
  usMarketHolidays,
} from "./calendar/market-holidays.js";
export {
  finraPlacementVersion,
  placeSourceFile,
  type SourcePlacement,
  type SourcePlacementInput,
} from "./calendar/place-source-file.js";
export {
  expectedPublicationDate,
  publicationDelayDays,
  tierWeekFreshness,
  weekEndingFromLastUpdateDate,
} from "./calendar/publication.js";
export {
  createPublicationDateTally,
  type DatedTwice,
  type PublicationDateTally,
  placeTalliedFile,
  revisionDate,
} from "./calendar/publication-date-tally.js";
export { implausiblePublication } from "./calendar/publication-plausibility.js";
export {
  addDays,
  addWeeks,
  isIsoDate,
  isoDateToEpochDay,
  parseWeekEnding,
  type Weekday,
  weekdayOf,
  weekEndingOfWeekStart,
  weekEndingSchema,
  weekEndingsBetween,
  weekStartDateOf,
} from "./calendar/week.js";
export {
  candidateWeeks,
  type DatePlacement,
  datesOutsideWeek,
  futurePublication,
  placeByPublicationDates,
  sortedDates,
} from "./calendar/week-placement.js";
export {
  isWithinRange,
  resolveWeekRange,
  type WeekRange,
  type WeekRangeIssue,
  type WeekRangeRequest,
  weekRangeIssues,
} from "./calendar/week-range.js";
export {
  maximumWeeksBack,
  refineWeekRange,
  type WeekRangeParams,
  weekRangeParams,
  weekRangeRequestOf,
} from "./calendar/week-range-params.js";
export {
  API_TIER_IDENTIFIERS,
  DETAIL_SUMMARY_TYPE_CODES,
  describeSummaryRow,
  FINRA_API_FIELDS,
  isDetailRow,
  SUMMARY_ROW_TYPE_CODES,
} from "./layout/api-fields.js";
export {
  API_LANDING_COLUMNS,
  type ApiRow,
  apiFieldText,
  apiRowsToLandingText,
  apiRowToLandingLine,
} from "./layout/api-landing-row.js";
export type { ColumnMap } from "./layout/column-map.js";
export { FINRA_DATASETS, type FinraDataset } from "./layout/dataset.js";
export {
  FINRA_COLUMN_SPELLINGS,
  FINRA_DOWNLOAD_COLUMNS,
  FINRA_DOWNLOAD_DELIMITER,
  FINRA_DOWNLOAD_ORDER,
  FINRA_REQUIRED_COLUMNS,
  type FinraColumn,
} from "./layout/download-columns.js";
export { type PlacementMemory, placeFilesByContent } from "./layout/place-files-by-content.js";
export {
  apiDatasetForWeek,
  apiDatasetPath,
  buildWeeklySummaryBody,
  FINRA_API_DATASET_NAMES,
  FINRA_API_GROUP,
  FINRA_API_HISTORIC_AFTER_DAYS,
  FINRA_API_PAGE_LIMIT,
  type FinraApiDatasetName,
  type PublishedTierWeek,
  parseApiPartitions,
  type WeeklySummaryRequest,
} from "./layout/query-api.js";
export {
  finraDownloadFileName,
  finraSourceIdentification,
  fixtureFileName,
  isNamedForAnotherDataset,
  parseSourceFileName,
  SOURCE_FILE_NAME_PATTERNS,
  type SourceFileName,
} from "./layout/source-file-name.js";
export {
  availableWeeks,
  groupTierWeeks,
  type SourceFile,
  type TierWeekWork,
  tierWeekPartitions,
} from "./layout/tier-week-files.js";
export { type MalformedRowIssue, parseVenueLine } from "./layout/venue-line.js";
export {
  REJECT_REASON_CODES,
  REJECT_REASON_RULES,
  type RejectIssue,
  type RejectReasonCode,
} from "./models/reject-reason.js";
export { parseTier, TIERS, type Tier, type TierSlug, tierSchema, tierSlug } from "./models/tier.js";
export { parseTierSelection, tierSelectionSchema } from "./models/tier-selection.js";
export {
  tierParam,
  tierWeekKey,
  tierWeekLabel,
  tierWeekParams,
  weekEndingParam,
} from "./models/tier-week-params.js";
export type { RawVenueRow, VenueVolume, VolumeRow } from "./models/venue-row.js";
