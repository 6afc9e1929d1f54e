// Public pure API of @spine/domain-otc: no I/O, safe to use from pipelines, the CLI and tests.
// Explicit names keep the surface deliberate; internal helpers stay unexported. FINRA facts shared
// with other FINRA domains (tiers, weeks, publication, row validation, shares) are in @spine/finra.

export {
  type ColumnMap,
  checkSharesSumToOne,
  compareToPreviousWeeks,
  type MalformedRowIssue,
  parseVenueLine,
} from "@spine/finra";
export {
  checkRowsAccounted,
  checkVolumeReconciles,
  compareText,
  fail,
  ok,
  type QualityCheckResult,
  type QualityStatus,
  type Result,
} from "@spine/platform/pure";
export {
  CALCULATIONS,
  type CalculationName,
  LIQUIDITY_SCORE_VERSION,
  otcCalculations,
} from "./calculations/calculation-versions.js";
export {
  createDuplicateKeyTracker,
  type DuplicateKeyTracker,
  findDuplicateKeys,
  type KeyedLine,
} from "./calculations/duplicate-keys.js";
export { computeLiquidityScore, computeLiquidityScoreV2 } from "./calculations/liquidity-score.js";
export { type CanonicalRecordFields, canonicalRecordKey, naturalKey } from "./calculations/record-key.js";
export { computeSymbolSummaries, type SymbolSummary } from "./calculations/symbol-summary.js";
