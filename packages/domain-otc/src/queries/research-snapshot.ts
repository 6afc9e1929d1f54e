import { calculationVersionParam, defineQuery } from "@spine/platform";
import { z } from "zod";
import { otcCalculations } from "../calculations/calculation-versions.js";
import { snapshotVariant } from "../pipelines/research-snapshot-week.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { rollingWindowParams } from "../pipelines/support/rolling-window-params.js";
import { latestVariantCaptures } from "./support/latest-variant.js";
import { otcColumns } from "./support/otc-columns.js";
import { rowLimit } from "./support/query-params.js";

const symbolColumns = [
  "symbol",
  "issue_name",
  "total_volume",
  "total_trades",
  "venue_count",
  "avg_trade_size",
] as const;
const concentrationColumns = ["hhi", "hhi_10000", "top_mpid", "top_share", "liquidity_score"];
const rollingColumns = ["window_weeks", "weeks_available", "avg_volume", "trend_pct", "trend_direction"];
const dateColumns = ["expected_publication_date", "source_last_update_date"] as const;

/** The research snapshot of a tier-week: one row per symbol (the output of otc.research_snapshot_week). */
export const researchSnapshotQuery = defineQuery({
  name: "otc.research_snapshot",
  description:
    "Research snapshot of a tier-week per symbol: summary, concentration, liquidity, rolling metrics and publication dates.",
  params: rollingWindowParams.extend({
    calc_version: calculationVersionParam(otcCalculations, ["research_snapshot", "liquidity_score"]),
    symbol: z.string().trim().min(1).optional().describe("only this symbol"),
    limit: rowLimit(100, "symbols"),
  }),
  calculations: otcCalculations.select(["research_snapshot", "liquidity_score"]),
  columns: otcColumns([
    "tier",
    "week_ending",
    ...symbolColumns,
    ...concentrationColumns,
    ...rollingColumns.map((column) => `rolling_${column}`),
    "rolling_is_complete",
    ...dateColumns,
  ]),
  run: async (context, params) => {
    const db = otcDatabase(context.scope);
    const target = { ...params, stage: "snapshot", variant: snapshotVariant(params) };
    let query = db
      .selectFrom("otc_research_snapshot_latest")
      .select([...symbolColumns, "hhi", "top_mpid", "top_share", "liquidity_score", "tier", "week_ending"])
      .select(["rolling_window_weeks", "rolling_weeks_available", "rolling_avg_volume", "rolling_trend_pct"])
      .select(["rolling_trend_direction", "rolling_is_complete", ...dateColumns])
      .where("tier", "=", params.tier)
      .where("week_ending", "=", params.week_ending)
      .where("capture_id", "in", latestVariantCaptures(db, target));
    if (params.symbol !== undefined) query = query.where("symbol", "=", params.symbol);
    const rows = await query.orderBy("total_volume", "desc").orderBy("symbol").limit(params.limit).execute();
    return rows.map((row) => ({ ...row, hhi_10000: row.hhi === null ? null : Number(row.hhi) * 10_000 }));
  },
});
