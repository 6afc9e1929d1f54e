import type { QualityStatus } from "./quality-recorder.js";

/** The outcome of a pure quality check, before it is recorded (see {@link recordCheckResult}). */
export type QualityCheckResult = {
  status: QualityStatus;
  actual: number;
  /** null when there is nothing to compare against (e.g. no previous partitions). */
  expected: number | null;
  message: string;
};

/**
 * The same total counted three ways (e.g. accepted rows, per-key summaries, per-group totals) must
 * agree exactly; actual is the largest absolute difference from the first.
 */
export function checkVolumeReconciles(first: number, second: number, third: number): QualityCheckResult {
  const actual = Math.max(Math.abs(second - first), Math.abs(third - first));
  const status = actual === 0 ? "pass" : "fail";
  return {
    status,
    actual,
    expected: 0,
    message: `volume totals ${first}, ${second}, ${third} differ by at most ${actual}`,
  };
}

/** Every line read is either accepted or recorded as rejected; nothing disappears. */
export function checkRowsAccounted(counts: {
  read: number;
  accepted: number;
  rejected: number;
}): QualityCheckResult {
  const actual = counts.accepted + counts.rejected;
  const status = actual === counts.read ? "pass" : "fail";
  return {
    status,
    actual,
    expected: counts.read,
    message: `read ${counts.read} rows; accepted ${counts.accepted} + rejected ${counts.rejected} = ${actual}`,
  };
}
