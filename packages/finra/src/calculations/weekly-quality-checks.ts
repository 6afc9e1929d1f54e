import type { QualityCheckResult } from "@spine/platform/pure";

/** Venue market shares of a tier-week must sum to 1 (floating point within tolerance). */
export function checkSharesSumToOne(shares: readonly number[], tolerance = 1e-9): QualityCheckResult {
  const actual = shares.reduce((sum, share) => sum + share, 0);
  if (shares.length === 0) {
    return { status: "pass", actual, expected: 1, message: "no venue shares to check" };
  }
  // All-zero shares come from a tier-week that traded nothing: suspicious but not arithmetic error.
  if (shares.every((share) => share === 0)) {
    return { status: "warn", actual, expected: 1, message: "all venue shares are 0 (tier-week volume is 0)" };
  }
  const status = Math.abs(actual - 1) <= tolerance ? "pass" : "fail";
  return { status, actual, expected: 1, message: `venue shares sum to ${actual}; expected 1 ± ${tolerance}` };
}

/**
 * Compares a week's value with the mean of previous weeks. Large swings are real market events,
 * so they warn; a collapse to zero is almost always a load defect, so it fails.
 */
export function compareToPreviousWeeks(
  current: number,
  previous: readonly number[],
  thresholdFraction: number,
): QualityCheckResult {
  if (previous.length === 0) {
    return { status: "pass", actual: current, expected: null, message: "no previous weeks to compare" };
  }
  const expected = previous.reduce((sum, value) => sum + value, 0) / previous.length;
  if (expected === 0) {
    const status = current === 0 ? "pass" : "warn";
    return { status, actual: current, expected, message: `previous weeks averaged 0; current is ${current}` };
  }
  if (current === 0) {
    return {
      status: "fail",
      actual: current,
      expected,
      message: `current is 0; previous weeks averaged ${expected}`,
    };
  }
  const deviation = Math.abs(current - expected) / expected;
  const status = deviation <= thresholdFraction ? "pass" : "warn";
  const percent = (deviation * 100).toFixed(1);
  return {
    status,
    actual: current,
    expected,
    message: `current ${current} deviates ${percent}% from the previous-weeks mean ${expected} (threshold ${thresholdFraction * 100}%)`,
  };
}
