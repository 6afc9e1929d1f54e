import { defineQuery } from "@spine/platform";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { tierWeekParams } from "../pipelines/support/tier-week-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { rowLimit } from "./support/query-params.js";
import { numberOf, numberOrNull } from "./support/row-values.js";

/** The most traded symbols of a tier-week by share volume, from the latest aggregate. */
export const topSymbolsQuery = defineQuery({
  name: "otc.top_symbols",
  description: "Symbols of a tier-week ranked by total share volume (latest aggregate capture).",
  params: tierWeekParams.extend({ limit: rowLimit(10, "symbols") }),
  columns: otcColumns(
    ["rank", "symbol", "total_volume", "total_trades", "venue_count", "avg_trade_size"].concat([
      "hhi",
      "hhi_10000",
      "top_mpid",
    ]),
  ),
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    // The week is filtered inside the joined view too: SQLite materialises the right side of a
    // LEFT JOIN over a view, and unfiltered that would read every week's concentration rows.
    const concentration = db
      .selectFrom("otc_symbol_concentration_latest")
      .select(["symbol", "hhi", "top_mpid"])
      .where("tier", "=", params.tier)
      .where("week_ending", "=", params.week_ending)
      .as("c");
    const rows = await db
      .selectFrom("otc_symbol_summary_latest as s")
      .leftJoin(concentration, (join) => join.onRef("c.symbol", "=", "s.symbol"))
      .select([
        "s.symbol",
        "s.total_volume",
        "s.total_trades",
        "s.venue_count",
        "s.avg_trade_size",
        "c.hhi",
        "c.top_mpid",
      ])
      .where("s.tier", "=", params.tier)
      .where("s.week_ending", "=", params.week_ending)
      .orderBy("s.total_volume", "desc")
      .orderBy("s.symbol")
      .limit(params.limit)
      .execute();
    return rows.map((row, index) => ({
      rank: index + 1,
      symbol: row.symbol,
      total_volume: numberOf(row.total_volume),
      total_trades: numberOf(row.total_trades),
      venue_count: numberOf(row.venue_count),
      avg_trade_size: numberOrNull(row.avg_trade_size),
      hhi: numberOrNull(row.hhi),
      hhi_10000: row.hhi === null ? null : Number(row.hhi) * 10_000,
      top_mpid: row.top_mpid,
    }));
  },
});
