/**
 * @spine/platform/pure: the platform's pure helpers, without I/O or drivers, for domain code that
 * must stay pure (models, calculations, parsing). The same functions are exported by the main entry.
 */

export type { CalculationChoice } from "./calculations/choose-calculations.js";
export {
  calculationVariant,
  calculationVersionParam,
  calculationVersionsOf,
  chooseCalculations,
} from "./calculations/choose-calculations.js";
export type { CalculationDefinition, CalculationRegistry } from "./calculations/define-calculation.js";
export { defineCalculation, defineCalculations } from "./calculations/define-calculation.js";
export { columnNames } from "./collections/column-names.js";
export { compareText } from "./collections/compare-text.js";
export { exactDecimalPlaces, sumDecimals } from "./collections/decimal-sum.js";
export { formatCsv, quoteCsvField } from "./collections/format-csv.js";
export { groupBy } from "./collections/group-by.js";
export type { RunCounter } from "./collections/run-counter.js";
export { createRunCounter, mostFrequentKey } from "./collections/run-counter.js";
export { smallestTextBy } from "./collections/smallest-by.js";
export { sumBy } from "./collections/sum-by.js";
export type { Result } from "./errors/result.js";
export { fail, ok } from "./errors/result.js";
export type { QualityCheckResult } from "./quality/quality-checks.js";
export { checkRowsAccounted, checkVolumeReconciles } from "./quality/quality-checks.js";
export type { QualityStatus } from "./quality/quality-recorder.js";
export { checkActivityConsistent, checkNotInFuture, checkRowCountDrop } from "./quality/research-checks.js";
export type { SourceColumnReader } from "./sources/source-column-reader.js";
