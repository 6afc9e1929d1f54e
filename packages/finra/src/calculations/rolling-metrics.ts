import { compareText, sumDecimals } from "@spine/platform/pure";
import { addWeeks } from "../calendar/week.js";

export type WeeklySymbolVolume = { weekEnding: string; totalVolume: number; totalTrades: number };

export type RollingMetricsInput = {
  weekEnding: string;
  windowWeeks: number;
  /** Weeks of the tier with aggregated data; weeks outside the window are ignored. */
  availableWeeks: readonly string[];
  volumesBySymbol:
    | ReadonlyMap<string, readonly WeeklySymbolVolume[]>
    | Readonly<Record<string, readonly WeeklySymbolVolume[]>>;
};

/** UNKNOWN: the trend cannot be computed (fewer than two weeks, or no volume in the earliest). */
export type TrendDirection = "UP" | "DOWN" | "FLAT" | "UNKNOWN";

export type RollingSymbolMetrics = {
  symbol: string;
  weeksAvailable: number;
  weeksTraded: number;
  avgVolume: number;
  avgTrades: number;
  minVolume: number;
  maxVolume: number;
  /** Percent change from the earliest to the latest available week; null if not computable. */
  trendPct: number | null;
  trendDirection: TrendDirection;
  isComplete: boolean;
};

// Moves within ±5% are noise for weekly OTC volume, so they are reported as flat.
const TREND_THRESHOLD_PERCENT = 5;

/** The windowWeeks Fridays ending at weekEnding, ascending. */
export function windowWeekEndings(weekEnding: string, windowWeeks: number): string[] {
  const weeks: string[] = [];
  for (let offset = windowWeeks - 1; offset >= 0; offset -= 1) {
    weeks.push(addWeeks(weekEnding, -offset));
  }
  return weeks;
}

function entriesOf(
  volumes: RollingMetricsInput["volumesBySymbol"],
): [string, readonly WeeklySymbolVolume[]][] {
  return volumes instanceof Map ? [...volumes] : Object.entries(volumes);
}

function trendOf(earliest: number, latest: number, weeksAvailable: number): number | null {
  if (weeksAvailable < 2 || earliest === 0) {
    return null;
  }
  return ((latest - earliest) / earliest) * 100;
}

function directionOf(trendPct: number | null): TrendDirection {
  // An unknown trend is not a flat one: a researcher filtering FLAT names must not get them.
  if (trendPct === null) {
    return "UNKNOWN";
  }
  if (trendPct > TREND_THRESHOLD_PERCENT) {
    return "UP";
  }
  return trendPct < -TREND_THRESHOLD_PERCENT ? "DOWN" : "FLAT";
}

// A week with tier data but no row for the symbol is a real zero, not missing history.
function metricsOf(
  symbol: string,
  history: readonly WeeklySymbolVolume[],
  weeks: readonly string[],
  windowWeeks: number,
): RollingSymbolMetrics {
  const byWeek = new Map(history.map((entry) => [entry.weekEnding, entry]));
  const volumes = weeks.map((week) => byWeek.get(week)?.totalVolume ?? 0);
  const trades = weeks.map((week) => byWeek.get(week)?.totalTrades ?? 0);
  const totalVolume = sumDecimals(volumes, (volume) => volume);
  const totalTrades = trades.reduce((sum, count) => sum + count, 0);
  const trendPct = trendOf(volumes[0] ?? 0, volumes[volumes.length - 1] ?? 0, weeks.length);
  return {
    symbol,
    weeksAvailable: weeks.length,
    weeksTraded: weeks.filter((_week, index) => (volumes[index] ?? 0) > 0 || (trades[index] ?? 0) > 0).length,
    avgVolume: totalVolume / weeks.length,
    avgTrades: totalTrades / weeks.length,
    minVolume: Math.min(...volumes),
    maxVolume: Math.max(...volumes),
    trendPct,
    trendDirection: directionOf(trendPct),
    isComplete: weeks.length === windowWeeks,
  };
}

/**
 * Rolling per-symbol metrics over the window ending at weekEnding. Partial history is normal
 * (new tiers, first loads); it yields fewer weeksAvailable and isComplete = false, never a throw.
 * With no available week in the window there is nothing to average, so the result is empty.
 */
export function computeRollingMetrics(input: RollingMetricsInput): RollingSymbolMetrics[] {
  const available = new Set(input.availableWeeks);
  const weeks = windowWeekEndings(input.weekEnding, input.windowWeeks).filter((week) => available.has(week));
  if (weeks.length === 0) {
    return [];
  }
  return entriesOf(input.volumesBySymbol)
    .map(([symbol, history]) => metricsOf(symbol, history, weeks, input.windowWeeks))
    .sort((left, right) => compareText(left.symbol, right.symbol));
}
