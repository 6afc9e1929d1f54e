import { barChart, defineCapturedQuery } from "@spine/platform";
import type { OtcTables } from "../database/otc-tables.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { tierWeekParams } from "../pipelines/support/tier-week-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { numberOf } from "./support/row-values.js";

/** Each venue's share of a tier-week's volume, by rank, from the latest aggregate (or as of a date). */
export const venueSharesQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.venue_shares",
  description:
    "Market share of every venue (MPID) in a tier-week, ranked (latest aggregate capture, or as_of a date).",
  params: tierWeekParams,
  columns: otcColumns(
    ["rank", "mpid", "market_participant_name", "total_volume=venue_total_volume"].concat([
      "total_trades=venue_total_trades",
      "symbol_count",
      "market_share",
    ]),
  ),
  chart: barChart("week", "mpid", "market_share", "Venue market share", "share of tier volume"),
  run: async (context, params) => {
    const rows = await otcDatabase(context.scope)
      .selectFrom(context.rowsOf<OtcTables["otc_venue_share"]>("otc_venue_share"))
      .select([
        "t.rank",
        "t.mpid",
        "t.market_participant_name",
        "t.total_volume",
        "t.total_trades",
        "t.symbol_count",
        "t.market_share",
        "t.capture_id",
      ])
      .where("t.tier", "=", params.tier)
      .where("t.week_ending", "=", params.week_ending)
      .orderBy("t.rank")
      .orderBy("t.mpid")
      .execute();
    return (await context.flagStale(rows, ["capture_id"])).map((row) => ({
      rank: numberOf(row.rank),
      mpid: row.mpid,
      market_participant_name: row.market_participant_name,
      total_volume: numberOf(row.total_volume),
      total_trades: numberOf(row.total_trades),
      symbol_count: numberOf(row.symbol_count),
      market_share: numberOf(row.market_share),
      stale: row.stale,
    }));
  },
});
