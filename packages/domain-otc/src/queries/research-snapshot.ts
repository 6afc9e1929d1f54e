import { calculationVersionParam, defineCapturedQuery } from "@spine/platform";
import { z } from "zod";
import { otcCalculations } from "../calculations/calculation-versions.js";
import type { OtcTables } from "../database/otc-tables.js";
import { snapshotVariant } from "../pipelines/research-snapshot-week.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { rollingWindowParams } from "../pipelines/support/rolling-window-params.js";
import { tierWeekKey } from "../pipelines/support/tier-week-params.js";
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
export const researchSnapshotQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.research_snapshot",
  description:
    "Research snapshot of a tier-week per symbol: summary, concentration, liquidity, rolling metrics and publication dates (latest capture, or as_of a date).",
  lookups: { symbol: { table: "otc_symbol_summary", column: "symbol" } },
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
    const only = { stage: "snapshot", variant: snapshotVariant(params), partition: tierWeekKey(params) };
    const rows = await otcDatabase(context.scope)
      .selectFrom(context.rowsOf<OtcTables["otc_research_snapshot"]>("otc_research_snapshot", only))
      .select([...symbolColumns, "hhi", "top_mpid", "top_share", "liquidity_score", "tier", "week_ending"])
      .select(["rolling_window_weeks", "rolling_weeks_available", "rolling_avg_volume", "rolling_trend_pct"])
      .select(["rolling_trend_direction", "rolling_is_complete", ...dateColumns, "capture_id"])
      .where("tier", "=", params.tier)
      .where("week_ending", "=", params.week_ending)
      .$if(params.symbol !== undefined, (query) => query.where("symbol", "=", params.symbol ?? ""))
      .orderBy("total_volume", "desc")
      .orderBy("symbol")
      .limit(params.limit)
      .execute();
    const flagged = await context.flagStale(rows, ["capture_id"]);
    return flagged.map((row) => ({ ...row, hhi_10000: row.hhi === null ? null : Number(row.hhi) * 10_000 }));
  },
});
