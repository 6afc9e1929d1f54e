import { calculationVersionParam, chooseCalculations, defineQuery } from "@spine/platform";
import { otcCalculations } from "../calculations/calculation-versions.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { tierWeekParams } from "../pipelines/support/tier-week-params.js";
import { latestVariantCaptures } from "./support/latest-variant.js";
import { otcColumns } from "./support/otc-columns.js";
import { rowLimit } from "./support/query-params.js";

const columns = ["symbol", "liquidity_score", "avg_trade_size", "venue_count", "calc_version"] as const;

/** Symbols of a tier-week by liquidity score, in one calculation version (current by default). */
export const liquidityQuery = defineQuery({
  name: "otc.liquidity",
  description:
    "Symbols of a tier-week ranked by liquidity score, in the calc_version asked for (default: current).",
  params: tierWeekParams.extend({
    calc_version: calculationVersionParam(otcCalculations, ["liquidity_score"]),
    limit: rowLimit(20, "symbols"),
  }),
  calculations: otcCalculations.select(["liquidity_score"]),
  columns: otcColumns(["rank", ...columns]),
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    const choice = chooseCalculations(otcCalculations, ["liquidity_score"], params.calc_version);
    const target = { ...params, stage: "aggregate", variant: choice.variant ?? "default" };
    const rows = await db
      .selectFrom("otc_liquidity_score_latest")
      .select(columns)
      .where("tier", "=", params.tier)
      .where("week_ending", "=", params.week_ending)
      .where("capture_id", "in", latestVariantCaptures(db, target))
      // NULL scores (no trades) last on both backends.
      .orderBy((expression) => expression.case().when("liquidity_score", "is", null).then(1).else(0).end())
      .orderBy("liquidity_score", "desc")
      .orderBy("symbol")
      .limit(params.limit)
      .execute();
    return rows.map((row, index) => ({ rank: index + 1, ...row }));
  },
});
