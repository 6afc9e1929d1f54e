import { addWeeks } from "@spine/finra";
import { definePipeline, openDerivedCapture, setCaptureRowCount } from "@spine/platform";
import { atsCaptures } from "../ats-captures.js";
import { windowWeeks } from "../ats-stages.js";
import { computeAtsShareTrends } from "../calculations/ats-share-trend.js";
import { atsTables, columnList } from "../database/ats-tables.js";
import { latestInput, tierWeekParams, tierWeekStage } from "./tier-week-stage.js";

/** Window stages take the window's length beside the tier-week. */
export const windowParams = tierWeekParams.extend({
  window_weeks: windowWeeks,
});

/** Each ATS's market share and volume over the last `window_weeks` weeks of its tier, read from the latest
 * aggregate of every week in the window. The stage graph declares that it reads those aggregates, so a week's
 * new aggregate makes the later windows that contain it stale. */
export const atsTrend = definePipeline({
  name: "ats.compute_trend",
  description: "Each ATS's mean market share, volume and share change over the last N weeks of its tier.",
  params: windowParams,
  stage: tierWeekStage("trend"),
  run: async (context, input) => {
    const aggregate = await latestInput(context, input, "aggregate", "ats.aggregate_week");
    const firstWeek = addWeeks(input.week_ending, 1 - input.window_weeks);
    const window = await atsTables(context.scope)
      .selectFrom("ats_market_share_latest")
      .select(["capture_id", "week_ending as weekEnding", "mpid", "shares", "market_share as marketShare"])
      .where("tier", "=", input.tier)
      .where("week_ending", ">=", firstWeek)
      .where("week_ending", "<=", input.week_ending)
      .execute();
    const captureId = await openDerivedCapture(context, atsCaptures, aggregate, {
      stage: "trend",
      createdAt: context.now().toISOString(),
      otherInputs: [...new Set(window.map((row) => row.capture_id))].sort(),
    });
    const weeks = window;
    const written = await context.scope.bulkInsert(
      "ats_share_trend",
      columnList(
        "capture_id tier week_ending mpid window_weeks weeks_present window_shares mean_share share_change",
      ),
      computeAtsShareTrends(weeks, input.week_ending).map((trend) => [
        captureId,
        input.tier,
        input.week_ending,
        trend.mpid,
        input.window_weeks,
        trend.weeksPresent,
        trend.windowShares,
        trend.meanShare,
        trend.shareChange,
      ]),
    );
    await setCaptureRowCount(context.scope, captureId, written);
    const weeksFound = new Set(weeks.map((week) => week.weekEnding)).size;
    return {
      rowCount: written,
      metrics: { capture_id: captureId, window_weeks: input.window_weeks, weeks_found: weeksFound },
    };
  },
});
