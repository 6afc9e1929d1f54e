// Public pure API of @spine/domain-otc: no I/O, safe to use from pipelines, the CLI and tests.
// Explicit names keep the surface deliberate; internal helpers stay unexported.

export { compareText, fail, ok, type Result } from "@spine/platform/pure";
export { hasActivity } from "./calculations/activity.js";
export {
  CALCULATIONS,
  type CalculationName,
  LIQUIDITY_SCORE_VERSION,
} from "./calculations/calculation-versions.js";
export {
  createDuplicateKeyTracker,
  type DuplicateKeyTracker,
  findDuplicateKeys,
  type KeyedLine,
} from "./calculations/duplicate-keys.js";
export { computeLiquidityScore } from "./calculations/liquidity-score.js";
export { type CountIssue, parseCount } from "./calculations/parse-count.js";
export {
  checkRowsAccounted,
  checkSharesSumToOne,
  checkVolumeReconciles,
  compareToPreviousWeeks,
  type QualityCheckResult,
  type QualityStatus,
} from "./calculations/quality-checks.js";
export { type CanonicalRecordFields, canonicalRecordKey, naturalKey } from "./calculations/record-key.js";
export {
  computeRollingMetrics,
  type RollingMetricsInput,
  type RollingSymbolMetrics,
  type TrendDirection,
  type WeeklySymbolVolume,
  windowWeekEndings,
} from "./calculations/rolling-metrics.js";
export { computeSymbolConcentration, type SymbolConcentration } from "./calculations/symbol-concentration.js";
export { computeSymbolSummaries, type SymbolSummary } from "./calculations/symbol-summary.js";
export {
  type Partition,
  type VenueRowValidation,
  validateVenueRow,
} from "./calculations/validate-venue-row.js";
export { computeVenueShares, type VenueShare } from "./calculations/venue-share.js";
export {
  expectedPublicationDate,
  publicationDelayDays,
  weekEndingFromLastUpdateDate,
} from "./models/publication.js";
export {
  REJECT_REASON_CODES,
  REJECT_REASON_RULES,
  type RejectIssue,
  type RejectReasonCode,
} from "./models/reject-reason.js";
export { parseTier, TIERS, type Tier, type TierSlug, tierSchema, tierSlug } from "./models/tier.js";
export type { RawVenueRow, VenueVolume } from "./models/venue-row.js";
export {
  addDays,
  addWeeks,
  isIsoDate,
  parseWeekEnding,
  type Weekday,
  weekdayOf,
  weekEndingOfWeekStart,
  weekEndingSchema,
  weekEndingsBetween,
  weekStartDateOf,
} from "./models/week.js";
export type { ColumnMap } from "./parsing/column-map.js";
export { type MalformedRowIssue, parseVenueLine } from "./parsing/venue-line.js";
