import { tierSchema, tierWeekParams } from "@spine/finra";
import { barChart, defineCapturedQuery, defineCapturedTableQuery, lineChart, sql } from "@spine/platform";
import { z } from "zod";
import { atsCaptures } from "../ats-captures.js";
import { ATS_CALCULATIONS } from "../calculations/ats-calculation-versions.js";
import { type AtsMarketShareTable, type AtsSymbolHhiTable, atsTables } from "../database/ats-tables.js";
import { atsColumns } from "./ats-columns.js";

const rows = (most: number) =>
  z.number().int().min(1).max(10_000).default(most).describe("at most this many rows");
const aTier = tierSchema.describe("NMS Tier 1, NMS Tier 2 or OTC (aliases: tier1, T1, OTCE, ...)");
const anAts = z.string().trim().min(1).toUpperCase().describe("the ATS's MPID");

/** ats.weeks: the tier-weeks loaded, with their ATS count and ATS volume. */
export const atsWeeksQuery = defineCapturedQuery(atsCaptures, {
  name: "ats.weeks",
  description: "Loaded ATS tier-weeks, newest first: ATSs reporting and total ATS shares.",
  params: z.object({ tier: aTier.optional() }),
  columns: atsColumns("tier week_ending capture_id ats_count ats_shares"),
  run: async (context, input) => {
    const loaded = await atsTables(context.scope)
      .selectFrom(context.rowsOf<AtsMarketShareTable>("ats_market_share"))
      .select(({ fn }) => [
        "tier",
        "week_ending",
        fn.countAll<number>().as("ats_count"),
        sql<number>`${context.scope.sql.exactSum(sql.ref("shares"))}`.as("ats_shares"),
        fn.max("capture_id").as("capture_id"),
      ])
      .$if(input.tier !== undefined, (query) => query.where("tier", "=", input.tier ?? ""))
      .groupBy(["tier", "week_ending"])
      .orderBy("week_ending", "desc")
      .orderBy("tier")
      .execute();
    return loaded.map(({ ats_count, ats_shares, ...week }) => ({
      ...week,
      ats_count: +ats_count,
      ats_shares: +ats_shares,
    }));
  },
});

const calcVersion = z
  .enum([ATS_CALCULATIONS.marketShare.version])
  .optional()
  .describe("calculation version: v1 (current)");

/** ats.venue_shares: every ATS of one tier-week by rank. */
export const atsVenueSharesQuery = defineCapturedTableQuery(atsCaptures, {
  name: "ats.venue_shares",
  description: "Each ATS's market share, rank, volume and average trade size in one tier-week.",
  table: "ats_market_share",
  params: tierWeekParams,
  chart: barChart("week", "mpid", "market_share", "ATS market share", "share of ATS volume"),
  columns: atsColumns(
    "capture_id tier week_ending mpid ats_name shares trades symbols market_share share_rank avg_trade_size",
  ),
  equal: ["tier", "week_ending"],
  orderBy: ["share_rank"],
});

/** ats.share_history: one ATS's share week by week. */
export const atsShareHistoryQuery = defineCapturedTableQuery(atsCaptures, {
  name: "ats.share_history",
  description: "One ATS's market share, rank and volume per loaded week, oldest first.",
  table: "ats_market_share",
  params: z.object({ mpid: anAts, tier: aTier.optional(), limit: rows(520) }),
  chart: lineChart("venue", "week_ending", "market_share", "ATS share by week", "share of ATS volume"),
  columns: atsColumns("tier week_ending share_rank market_share shares avg_trade_size capture_id"),
  equal: ["mpid", "tier"],
  orderBy: ["week_ending", "tier"],
});

/** ats.share_trend: each ATS's trend over the window ending at one tier-week (the trend stage). */
export const atsShareTrendQuery = defineCapturedTableQuery(atsCaptures, {
  name: "ats.share_trend",
  description:
    "Each ATS's mean share, weeks present and share change over the window ending at one tier-week.",
  table: "ats_share_trend",
  params: tierWeekParams.extend({ mpid: anAts.optional(), calc_version: calcVersion }),
  columns: atsColumns(
    "capture_id tier week_ending mpid window_weeks weeks_present window_shares mean_share share_change",
  ),
  equal: ["tier", "week_ending", "mpid"],
  orderBy: ["mean_share desc", "mpid"],
});

/** ats.research_snapshot: one research row per ATS of a tier-week (the snapshot stage). */
export const atsResearchSnapshotQuery = defineCapturedTableQuery(atsCaptures, {
  name: "ats.research_snapshot",
  description:
    "Research snapshot of one tier-week: each ATS's rank, share, trade size, symbols led and trend.",
  table: "ats_snapshot",
  params: tierWeekParams.extend({ mpid: anAts.optional(), calc_version: calcVersion }),
  columns: atsColumns(
    "capture_id tier week_ending mpid ats_name share_rank market_share shares avg_trade_size symbols_led window_weeks mean_share share_change",
  ),
  equal: ["tier", "week_ending", "mpid"],
  orderBy: ["share_rank"],
});

/** ats.symbol_concentration: the symbols whose ATS volume is most concentrated. */
export const atsSymbolConcentrationQuery = defineCapturedQuery(atsCaptures, {
  name: "ats.symbol_concentration",
  description:
    "Symbols of one tier-week by ATS concentration (HHI 0..1, hhi_10000 x 10,000), most concentrated first.",
  params: tierWeekParams.extend({
    min_ats: z.number().int().min(1).default(1).describe("only symbols traded on at least this many ATSs"),
    limit: rows(50),
  }),
  columns: atsColumns("symbol ats_count hhi hhi_10000 top_mpid top_share capture_id"),
  run: (context, input) =>
    atsTables(context.scope)
      .selectFrom(context.rowsOf<AtsSymbolHhiTable>("ats_symbol_hhi"))
      .select(["symbol", "ats_count", "hhi", sql<number | null>`hhi * 10000`.as("hhi_10000"), "top_mpid"])
      .select(["top_share", "capture_id"])
      .where("tier", "=", input.tier)
      .where("week_ending", "=", input.week_ending)
      .where("ats_count", ">=", input.min_ats)
      .orderBy("hhi", "desc")
      .orderBy("symbol")
      .limit(input.limit)
      .execute(),
});
