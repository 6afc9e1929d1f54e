import { defineQuery } from "@spine/platform";
import { z } from "zod";
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

/** A symbol's weekly summary with its rolling metrics, newest week first. */
export const symbolHistoryQuery = defineQuery({
  name: "otc.symbol_history",
  description: "Weekly volume of one symbol (latest captures) with its rolling-window metrics, newest first.",
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
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    // The symbol is filtered inside the joined view too, so its (symbol, week_ending) index is
    // used: SQLite materialises the right side of a LEFT JOIN over a view.
    const rolling = db
      .selectFrom("otc_symbol_rolling_latest")
      .selectAll()
      .where("symbol", "=", params.symbol)
      .where("window_weeks", "=", params.window_weeks)
      .as("r");
    let query = db
      .selectFrom("otc_symbol_summary_latest as s")
      .leftJoin(rolling, (join) =>
        join.onRef("r.tier", "=", "s.tier").onRef("r.week_ending", "=", "s.week_ending"),
      )
      .select([
        "s.tier",
        "s.week_ending",
        "s.symbol",
        "s.total_volume",
        "s.total_trades",
        "s.venue_count",
        "s.avg_trade_size",
        "r.window_weeks",
        "r.weeks_available",
        "r.avg_volume",
        "r.min_volume",
        "r.max_volume",
        "r.trend_pct",
        "r.trend_direction",
        "r.is_complete",
      ])
      .where("s.symbol", "=", params.symbol);
    if (params.tier !== undefined) query = query.where("s.tier", "=", params.tier);
    const rows = await query.orderBy("s.week_ending", "desc").orderBy("s.tier").limit(params.weeks).execute();
    return rows.map((row) => ({
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
    }));
  },
});
