import { defineCapturedQuery, lineChart } from "@spine/platform";
import { z } from "zod";
import type { OtcTables } from "../database/otc-tables.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { windowWeeksParam } from "../pipelines/support/rolling-window-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { optionalTier, rowLimit } from "./support/query-params.js";
import { flagOrNull, numberOf, numberOrNull } from "./support/row-values.js";

const symbolHistoryParams = z.object({
  symbol: z.string().trim().min(1).describe("issue symbol, e.g. AAPL"),
  tier: optionalTier,
  weeks: rowLimit(12, "most recent tier-weeks"),
  window_weeks: windowWeeksParam.describe("which rolling window's metrics to show beside each week"),
});

// The summary (t) beside the rolling metrics of the chosen window (r); both capture ids feed the
// staleness flag.
const historyColumns = [
  "t.tier",
  "t.week_ending",
  "t.symbol",
  "t.total_volume",
  "t.total_trades",
  "t.venue_count",
  "t.avg_trade_size",
  "r.window_weeks",
  "r.weeks_available",
  "r.avg_volume",
  "r.min_volume",
  "r.max_volume",
  "r.trend_pct",
  "r.trend_direction",
  "r.is_complete",
  "t.capture_id",
  "r.capture_id as rolling_capture_id",
] as const;

/** A symbol's weekly summary with its rolling metrics, newest week first. */
export const symbolHistoryQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.symbol_history",
  description:
    "Weekly volume of one symbol (latest captures, or as_of a date) with its rolling-window metrics, newest first.",
  lookups: { symbol: { table: "otc_symbol_summary", column: "symbol" } },
  params: symbolHistoryParams,
  columns: otcColumns(
    ["tier", "week_ending", "symbol", "total_volume", "total_trades", "venue_count"].concat(
      ["avg_trade_size", "rolling_window_weeks", "rolling_weeks_available", "rolling_avg_volume"],
      [
        "rolling_min_volume",
        "rolling_max_volume",
        "rolling_trend_pct",
        "rolling_trend_direction",
        "rolling_is_complete",
      ],
    ),
  ),
  chart: lineChart(
    "symbol",
    "week_ending",
    ["total_volume", "rolling_avg_volume"],
    "Volume and rolling average",
    "shares",
  ),
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    // The symbol is filtered inside the joined view too, so its (symbol, week_ending) index is
    // used: SQLite materialises the right side of a LEFT JOIN over a view.
    const rolling = db
      .selectFrom(context.rowsOf<OtcTables["otc_symbol_rolling"]>("otc_symbol_rolling"))
      // Only what is shown: the materialised side holds no more than the answer needs.
      .select(["t.tier", "t.week_ending", "t.window_weeks", "t.weeks_available", "t.avg_volume"])
      .select(["t.min_volume", "t.max_volume", "t.trend_pct", "t.trend_direction", "t.is_complete"])
      .select("t.capture_id")
      .where("t.symbol", "=", params.symbol)
      .where("t.window_weeks", "=", params.window_weeks)
      .as("r");
    let query = db
      .selectFrom(context.rowsOf<OtcTables["otc_symbol_summary"]>("otc_symbol_summary"))
      .leftJoin(rolling, (join) =>
        join.onRef("r.tier", "=", "t.tier").onRef("r.week_ending", "=", "t.week_ending"),
      )
      .select(historyColumns)
      .where("t.symbol", "=", params.symbol);
    if (params.tier !== undefined) query = query.where("t.tier", "=", params.tier);
    const rows = await query.orderBy("t.week_ending", "desc").orderBy("t.tier").limit(params.weeks).execute();
    const flagged = await context.flagStale(rows, ["capture_id", "rolling_capture_id"]);
    return flagged.map((row) => ({
      tier: row.tier,
      week_ending: row.week_ending,
      symbol: row.symbol,
      total_volume: numberOf(row.total_volume),
      total_trades: numberOf(row.total_trades),
      venue_count: numberOf(row.venue_count),
      avg_trade_size: numberOrNull(row.avg_trade_size),
      rolling_window_weeks: numberOrNull(row.window_weeks),
      rolling_weeks_available: numberOrNull(row.weeks_available),
      rolling_avg_volume: numberOrNull(row.avg_volume),
      rolling_min_volume: numberOrNull(row.min_volume),
      rolling_max_volume: numberOrNull(row.max_volume),
      rolling_trend_pct: numberOrNull(row.trend_pct),
      rolling_trend_direction: row.trend_direction,
      rolling_is_complete: flagOrNull(row.is_complete),
      stale: row.stale,
    }));
  },
});
