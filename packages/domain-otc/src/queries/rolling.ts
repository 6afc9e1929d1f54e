import { defineQuery } from "@spine/platform";
import { z } from "zod";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { rollingWindowParams } from "../pipelines/support/rolling-window-params.js";
import { otcColumns } from "./support/otc-columns.js";
import { rowLimit } from "./support/query-params.js";

const rollingColumns = [
  "symbol",
  "window_weeks",
  "weeks_available",
  "weeks_traded",
  "avg_volume",
  "avg_trades",
] as const;
const metricColumns = ["min_volume", "max_volume", "trend_pct", "trend_direction", "is_complete"] as const;

/** One tier-week's rolling metrics per symbol (the seeds' `otc.query_rolling`). */
export const rollingQuery = defineQuery({
  name: "otc.rolling",
  aliases: ["otc.query_rolling"],
  description:
    "Rolling metrics of every symbol for one tier-week and window, by average volume (latest capture).",
  params: rollingWindowParams.extend({
    symbol: z.string().trim().min(1).optional().describe("only this symbol"),
    limit: rowLimit(100, "symbols"),
  }),
  columns: otcColumns(["tier", "week_ending", ...rollingColumns, ...metricColumns]),
  run: async (context, params) => {
    let query = otcDatabase(context.scope)
      .selectFrom("otc_symbol_rolling_latest")
      .select(["tier", "week_ending", ...rollingColumns, ...metricColumns])
      .where("tier", "=", params.tier)
      .where("week_ending", "=", params.week_ending)
      .where("window_weeks", "=", params.window_weeks);
    if (params.symbol !== undefined) query = query.where("symbol", "=", params.symbol);
    return query.orderBy("avg_volume", "desc").orderBy("symbol").limit(params.limit).execute();
  },
});
