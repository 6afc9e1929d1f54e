import type { QualityCheckResult } from "./quality-checks.js";

/**
 * A partition date (e.g. a week ending) or publication date after today cannot be real data: data
 * is published after the period it covers. Dates are compared as YYYY-MM-DD text (UTC days).
 */
export function checkNotInFuture(
  dates: { readonly label: string; readonly partitionDate: string; readonly publicationDate: string | null },
  today: string,
): QualityCheckResult {
  const future = [
    dates.partitionDate > today ? `${dates.label} ${dates.partitionDate}` : null,
    dates.publicationDate !== null && dates.publicationDate > today
      ? `publication date ${dates.publicationDate}`
      : null,
  ].filter((found): found is string => found !== null);
  const message =
    future.length === 0 ? "no date after today" : `${future.join(" and ")} after today ${today}`;
  return { status: future.length === 0 ? "pass" : "fail", actual: future.length, expected: 0, message };
}

/**
 * Rows with shares but no trades, or trades but no shares, contradict each other (a trade moves
 * shares); FINRA has published a few, so they warn, with the counts, rather than fail.
 */
export function checkActivityConsistent(counts: {
  readonly sharesWithoutTrades: number;
  readonly tradesWithoutShares: number;
}): QualityCheckResult {
  const total = counts.sharesWithoutTrades + counts.tradesWithoutShares;
  return {
    status: total === 0 ? "pass" : "warn",
    actual: total,
    expected: 0,
    message: `${counts.sharesWithoutTrades} rows with shares > 0 and trades = 0; ${counts.tradesWithoutShares} with trades > 0 and shares = 0`,
  };
}

/**
 * A week whose row count falls below half the average of the previous weeks' counts is most
 * likely a partial file; it warns (a collapse to 0 fails), naming the average.
 */
export function checkRowCountDrop(current: number, previous: readonly number[]): QualityCheckResult {
  if (previous.length === 0)
    return { status: "pass", actual: current, expected: null, message: "no previous weeks to compare" };
  const average = previous.reduce((sum, count) => sum + count, 0) / previous.length;
  const status = current === 0 && average > 0 ? "fail" : current < average / 2 ? "warn" : "pass";
  return {
    status,
    actual: current,
    expected: average,
    message: `${current} rows; the previous ${previous.length} weeks averaged ${average} (warns below half)`,
  };
}
