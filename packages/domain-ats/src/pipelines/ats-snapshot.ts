import { definePipeline, openDerivedCapture, setCaptureRowCount, sql } from "@spine/platform";
import { atsCaptures } from "../ats-captures.js";
import { windowParams } from "./ats-trend.js";
import { latestInput, tierWeekStage } from "./tier-week-stage.js";

/** One research row per ATS of a tier-week: its rank, share, volume and trade size this week, how many symbols
 * it leads, and its trend over the window. Written by one INSERT ... SELECT joining the week's aggregate to
 * its trend capture. */
export const atsSnapshot = definePipeline({
  name: "ats.research_snapshot_week",
  description:
    "Research snapshot of an ATS tier-week: rank, share, trade size, symbols led and trend per ATS.",
  params: windowParams,
  stage: tierWeekStage("snapshot"),
  run: async (context, input) => {
    const trend = await latestInput(context, input, "trend", "ats.compute_trend");
    const aggregate = await latestInput(context, input, "aggregate", "ats.aggregate_week");
    const captureId = await openDerivedCapture(context, atsCaptures, trend, {
      stage: "snapshot",
      createdAt: context.now().toISOString(),
      otherInputs: [aggregate.capture_id],
    });
    const inserted = await sql`
      insert into ats_snapshot (capture_id, tier, week_ending, mpid, ats_name, share_rank, market_share, shares,
        avg_trade_size, symbols_led, window_weeks, mean_share, share_change)
      select ${captureId}, week.tier, week.week_ending, week.mpid, week.ats_name, week.share_rank, week.market_share,
        week.shares, week.avg_trade_size,
        (select count(*) from ats_symbol_hhi led where led.capture_id = week.capture_id and led.top_mpid = week.mpid),
        coalesce(trend.window_weeks, ${input.window_weeks}), trend.mean_share, trend.share_change
      from ats_market_share week
      left join ats_share_trend trend on trend.capture_id = ${trend.capture_id} and trend.mpid = week.mpid
      where week.capture_id = ${aggregate.capture_id}`.execute(context.scope.db);
    const written = Number(inserted.numAffectedRows ?? 0);
    await setCaptureRowCount(context.scope, captureId, written);
    return { rowCount: written, metrics: { capture_id: captureId, ats_count: written } };
  },
});
