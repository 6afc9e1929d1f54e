import { calculationVersionParam, chooseCalculations, defineCapturedQuery } from "@spine/platform";
import { otcCalculations } from "../calculations/calculation-versions.js";
import type { OtcTables } from "../database/otc-tables.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { tierWeekKey, tierWeekParams } from "../pipelines/support/tier-week-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { rowLimit } from "./support/query-params.js";

const columns = ["symbol", "liquidity_score", "avg_trade_size", "venue_count", "calc_version"] as const;

/** Symbols of a tier-week by liquidity score, in one calculation version (current by default). */
export const liquidityQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.liquidity",
  description:
    "Symbols of a tier-week ranked by liquidity score, in the calc_version asked for (default: current; latest capture, or as_of a date).",
  params: tierWeekParams.extend({
    calc_version: calculationVersionParam(otcCalculations, ["liquidity_score"]),
    limit: rowLimit(20, "symbols"),
  }),
  calculations: otcCalculations.select(["liquidity_score"]),
  columns: otcColumns(["rank", ...columns]),
  run: async (context, params) => {
    const choice = chooseCalculations(otcCalculations, ["liquidity_score"], params.calc_version);
    const only = { stage: "aggregate", variant: choice.variant ?? "default", partition: tierWeekKey(params) };
    const rows = await otcDatabase(context.scope)
      .selectFrom(context.rowsOf<OtcTables["otc_liquidity_score"]>("otc_liquidity_score", only))
      .select([...columns.map((column) => `t.${column}` as const), "t.capture_id"])
      .where("t.tier", "=", params.tier)
      .where("t.week_ending", "=", params.week_ending)
      // NULL scores (no trades) last on both backends.
      .orderBy((expression) => expression.case().when("t.liquidity_score", "is", null).then(1).else(0).end())
      .orderBy("t.liquidity_score", "desc")
      .orderBy("t.symbol")
      .limit(params.limit)
      .execute();
    return (await context.flagStale(rows, ["capture_id"])).map((row, index) => ({ rank: index + 1, ...row }));
  },
});
