import { barChart, defineCapturedQuery } from "@spine/platform";
import type { OtcTables } from "../database/otc-tables.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { tierWeekParams } from "../pipelines/support/tier-week-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { rowLimit } from "./support/query-params.js";
import { numberOf, numberOrNull } from "./support/row-values.js";

/** The most traded symbols of a tier-week by share volume, from the latest aggregate (or as of a date). */
export const topSymbolsQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.top_symbols",
  description:
    "Symbols of a tier-week ranked by total share volume (latest aggregate capture, or as_of a date).",
  params: tierWeekParams.extend({ limit: rowLimit(10, "symbols") }),
  columns: otcColumns(
    ["rank", "symbol", "total_volume", "total_trades", "venue_count", "avg_trade_size"].concat([
      "hhi",
      "hhi_10000",
      "top_mpid",
    ]),
  ),
  chart: barChart("week", "symbol", "total_volume", "Top symbols by volume", "shares"),
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    // The week is filtered inside the joined rows too: SQLite materialises the right side of a
    // LEFT JOIN over a view, and unfiltered that would read every week's concentration rows.
    const concentration = db
      .selectFrom(context.rowsOf<OtcTables["otc_symbol_concentration"]>("otc_symbol_concentration"))
      .select(["t.symbol", "t.hhi", "t.top_mpid", "t.capture_id"])
      .where("t.tier", "=", params.tier)
      .where("t.week_ending", "=", params.week_ending)
      .as("c");
    const rows = await db
      .selectFrom(context.rowsOf<OtcTables["otc_symbol_summary"]>("otc_symbol_summary"))
      .leftJoin(concentration, (join) => join.onRef("c.symbol", "=", "t.symbol"))
      .select([
        "t.symbol",
        "t.total_volume",
        "t.total_trades",
        "t.venue_count",
        "t.avg_trade_size",
        "c.hhi",
        "c.top_mpid",
        "t.capture_id",
        "c.capture_id as concentration_capture_id",
      ])
      .where("t.tier", "=", params.tier)
      .where("t.week_ending", "=", params.week_ending)
      .orderBy("t.total_volume", "desc")
      .orderBy("t.symbol")
      .limit(params.limit)
      .execute();
    const flagged = await context.flagStale(rows, ["capture_id", "concentration_capture_id"]);
    return flagged.map((row, index) => ({
      rank: index + 1,
      symbol: row.symbol,
      total_volume: numberOf(row.total_volume),
      total_trades: numberOf(row.total_trades),
      venue_count: numberOf(row.venue_count),
      avg_trade_size: numberOrNull(row.avg_trade_size),
      hhi: numberOrNull(row.hhi),
      hhi_10000: row.hhi === null ? null : Number(row.hhi) * 10_000,
      top_mpid: row.top_mpid,
      stale: row.stale,
    }));
  },
});
