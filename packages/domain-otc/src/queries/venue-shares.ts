import { defineQuery } from "@spine/platform";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { tierWeekParams } from "../pipelines/support/tier-week-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { numberOf } from "./support/row-values.js";

/** Each venue's share of a tier-week's volume, by rank, from the latest aggregate. */
export const venueSharesQuery = defineQuery({
  name: "otc.venue_shares",
  description: "Market share of every venue (MPID) in a tier-week, ranked (latest aggregate capture).",
  params: tierWeekParams,
  columns: otcColumns(
    ["rank", "mpid", "market_participant_name", "total_volume=venue_total_volume"].concat([
      "total_trades=venue_total_trades",
      "symbol_count",
      "market_share",
    ]),
  ),
  run: async (context, params) => {
    const rows = await otcDatabase(context.scope)
      .selectFrom("otc_venue_share_latest")
      .select([
        "rank",
        "mpid",
        "market_participant_name",
        "total_volume",
        "total_trades",
        "symbol_count",
        "market_share",
      ])
      .where("tier", "=", params.tier)
      .where("week_ending", "=", params.week_ending)
      .orderBy("rank")
      .orderBy("mpid")
      .execute();
    return rows.map((row) => ({
      rank: numberOf(row.rank),
      mpid: row.mpid,
      market_participant_name: row.market_participant_name,
      total_volume: numberOf(row.total_volume),
      total_trades: numberOf(row.total_trades),
      symbol_count: numberOf(row.symbol_count),
      market_share: numberOf(row.market_share),
    }));
  },
});
