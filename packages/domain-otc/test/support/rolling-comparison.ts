import type { RollingSymbolMetrics, Tier, WeeklySymbolVolume } from "@spine/finra";
import { computeRollingMetrics, windowWeekEndings } from "@spine/finra";
import type { Spine } from "@spine/platform";
import { expect } from "vitest";
import { otcDatabase } from "../../src/pipelines/support/otc-database.js";

/** Stored floats must equal the pure function's to this absolute tolerance. */
export const FLOAT_TOLERANCE = 1e-12;

/** computeRollingMetrics over exactly the latest summaries the SQL stage reads. */
export async function pureRolling(spine: Spine, tier: Tier, weekEnding: string, windowWeeks: number) {
  const db = otcDatabase(spine.database);
  const weeks = windowWeekEndings(weekEnding, windowWeeks);
  const captures = await db
    .selectFrom("otc_captures_latest")
    .select("week_ending")
    .where("tier", "=", tier)
    .where("stage", "=", "aggregate")
    .where("variant", "=", "default")
    .where("week_ending", "in", weeks)
    .execute();
  const availableWeeks = captures.map((row) => row.week_ending);
  const summaries =
    availableWeeks.length === 0
      ? []
      : await db
          .selectFrom("otc_symbol_summary_latest")
          .select(["symbol", "week_ending", "total_volume", "total_trades"])
          .where("tier", "=", tier)
          .where("week_ending", "in", availableWeeks)
          .execute();
  const volumesBySymbol = new Map<string, WeeklySymbolVolume[]>();
  for (const row of summaries) {
    const history = volumesBySymbol.get(row.symbol) ?? [];
    history.push({
      weekEnding: row.week_ending,
      totalVolume: Number(row.total_volume),
      totalTrades: Number(row.total_trades),
    });
    volumesBySymbol.set(row.symbol, history);
  }
  return computeRollingMetrics({ weekEnding, windowWeeks, availableWeeks, volumesBySymbol });
}

/** The stored rolling rows of a window variant in the pure function's shape, ordered by symbol. */
export async function storedRolling(spine: Spine, tier: Tier, weekEnding: string, windowWeeks: number) {
  const rows = await otcDatabase(spine.database)
    .selectFrom("otc_symbol_rolling_latest")
    .selectAll()
    .where("tier", "=", tier)
    .where("week_ending", "=", weekEnding)
    .where("window_weeks", "=", windowWeeks)
    .orderBy("symbol")
    .execute();
  return rows.map(
    (row): RollingSymbolMetrics => ({
      symbol: row.symbol,
      weeksAvailable: Number(row.weeks_available),
      weeksTraded: Number(row.weeks_traded),
      avgVolume: Number(row.avg_volume),
      avgTrades: Number(row.avg_trades),
      minVolume: Number(row.min_volume),
      maxVolume: Number(row.max_volume),
      trendPct: row.trend_pct === null ? null : Number(row.trend_pct),
      trendDirection: row.trend_direction,
      isComplete: Number(row.is_complete) === 1,
    }),
  );
}

function expectClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null || actual === null) {
    expect(actual, label).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), label).toBeLessThanOrEqual(FLOAT_TOLERANCE);
}

/** Asserts that the SQL stage's rows equal computeRollingMetrics, every field, floats within tolerance. */
export async function expectRollingMatchesPure(
  spine: Spine,
  tier: Tier,
  weekEnding: string,
  windowWeeks: number,
) {
  const expected = await pureRolling(spine, tier, weekEnding, windowWeeks);
  const actual = await storedRolling(spine, tier, weekEnding, windowWeeks);
  expect(actual.map((row) => row.symbol)).toEqual(expected.map((row) => row.symbol));
  expected.forEach((want, index) => {
    const got = actual[index];
    if (!got) throw new Error(`missing rolling row for ${want.symbol}`);
    const { avgVolume, avgTrades, trendPct, ...exact } = want;
    expect({ ...got, avgVolume, avgTrades, trendPct }, want.symbol).toEqual({
      ...exact,
      avgVolume,
      avgTrades,
      trendPct,
    });
    expectClose(got.avgVolume, avgVolume, `${want.symbol} avgVolume`);
    expectClose(got.avgTrades, avgTrades, `${want.symbol} avgTrades`);
    expectClose(got.trendPct, trendPct, `${want.symbol} trendPct`);
  });
  return { rows: actual.length };
}
