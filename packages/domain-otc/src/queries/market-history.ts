import { tierSchema } from "@spine/finra";
import { defineCapturedQuery, defineCapturedTableQuery, lineChart, sql } from "@spine/platform";
import { z } from "zod";
import type { OtcTables } from "../database/otc-tables.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { otcColumns } from "./support/otc-columns.js";
import { optionalTier, rowLimit } from "./support/query-params.js";

/** One venue's market share week by week, oldest first: the series behind a venue's chart. */
export const venueHistoryQuery = defineCapturedTableQuery(otcCaptures, {
  name: "otc.venue_history",
  description: "One venue's (MPID's) market share, rank and volume per loaded tier-week, oldest first.",
  table: "otc_venue_share",
  params: z.object({
    mpid: z.string().trim().min(1).toUpperCase().describe("the venue's MPID"),
    tier: optionalTier,
    limit: rowLimit(520, "weeks"),
  }),
  columns: otcColumns("tier week_ending mpid rank market_share total_volume=venue_total_volume"),
  chart: lineChart("venue", "week_ending", "market_share", "Market share over time", "share of tier volume"),
  equal: ["mpid", "tier"],
  orderBy: ["week_ending", "tier"],
});

/** How concentrated each tier-week's volume is across venues, oldest first. */
export const marketConcentrationQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.market_concentration",
  description: "Venue concentration of one tier per loaded week (HHI of venue market shares), oldest first.",
  params: z.object({
    tier: tierSchema.describe("NMS Tier 1, NMS Tier 2 or OTC (aliases accepted)"),
    limit: rowLimit(520, "weeks"),
  }),
  columns: otcColumns("tier week_ending venues market_hhi market_hhi_10000".split(" ")),
  chart: lineChart(
    "tier",
    "week_ending",
    "market_hhi_10000",
    "Venue concentration (HHI) over time",
    "HHI (0-10,000)",
  ),
  run: async (context, params) => {
    const rows = await otcDatabase(context.scope)
      .selectFrom(context.rowsOf<OtcTables["otc_venue_share"]>("otc_venue_share"))
      .select(({ fn }) => [
        "t.tier",
        "t.week_ending",
        fn.count<number | string>("t.mpid").as("venues"),
        sql<number>`sum(t.market_share * t.market_share)`.as("market_hhi"),
        sql<number>`sum(t.market_share * t.market_share) * 10000`.as("market_hhi_10000"),
        fn.max("t.capture_id").as("capture_id"),
      ])
      .where("t.tier", "=", params.tier)
      .where((where) => where.or([where("t.total_volume", ">", 0), where("t.total_trades", ">", 0)]))
      .groupBy(["t.tier", "t.week_ending"])
      .orderBy("t.week_ending")
      .limit(params.limit)
      .execute();
    return rows;
  },
});
