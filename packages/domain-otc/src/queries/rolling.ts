import { calculationVersionParam, defineCapturedQuery } from "@spine/platform";
import { z } from "zod";
import { otcCalculations } from "../calculations/calculation-versions.js";
import type { OtcTables } from "../database/otc-tables.js";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { rollingWindowParams } from "../pipelines/support/rolling-window-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { rowLimit } from "./support/query-params.js";

const rollingColumns = [
  "tier",
  "week_ending",
  "symbol",
  "window_weeks",
  "weeks_available",
  "weeks_traded",
  "avg_volume",
  "avg_trades",
] as const;
const metricColumns = ["min_volume", "max_volume", "trend_pct", "trend_direction", "is_complete"] as const;

/** One tier-week's rolling metrics per symbol (the seeds' `otc.query_rolling`). */
export const rollingQuery = defineCapturedQuery(otcCaptures, {
  name: "otc.rolling",
  aliases: ["otc.query_rolling"],
  description:
    "Rolling metrics of every symbol for one tier-week and window, by average volume (latest capture, or as_of a date).",
  lookups: { symbol: { table: "otc_symbol_summary", column: "symbol" } },
  params: rollingWindowParams.extend({
    calc_version: calculationVersionParam(otcCalculations, ["rolling_metrics"]).describe(
      "only rows of this rolling_metrics version (v1: rows written before v2); default: the latest capture's",
    ),
    symbol: z.string().trim().min(1).optional().describe("only this symbol"),
    limit: rowLimit(100, "symbols"),
  }),
  calculations: otcCalculations.select(["rolling_metrics"]),
  columns: otcColumns([...rollingColumns, ...metricColumns, "calc_version"]),
  run: async (context, params) => {
    const rows = await otcDatabase(context.scope)
      .selectFrom(context.rowsOf<OtcTables["otc_symbol_rolling"]>("otc_symbol_rolling"))
      .select([...rollingColumns, ...metricColumns, "calc_version", "capture_id"])
      .where("tier", "=", params.tier)
      .where("week_ending", "=", params.week_ending)
      .where("window_weeks", "=", params.window_weeks)
      .$if(params.symbol !== undefined, (query) => query.where("symbol", "=", params.symbol ?? ""))
      .$if(params.calc_version !== undefined, (query) =>
        query.where("calc_version", "=", params.calc_version ?? ""),
      )
      .orderBy("avg_volume", "desc")
      .orderBy("symbol")
      .limit(params.limit)
      .execute();
    return context.flagStale(rows, ["capture_id"]);
  },
});
