import { compareText, defineQuery } from "@spine/platform";
import { z } from "zod";
import { otcStages } from "../otc-stages.js";
import { otcDatabase } from "../pipelines/support/otc-database.js";
import { optionalTier, optionalWeekEnding } from "./support/query-params.js";
import { numberOf, numberOrNull } from "./support/row-values.js";

const capturesParams = z.object({ tier: optionalTier, week_ending: optionalWeekEnding });

/** One listed capture. */
type CaptureListing = {
  readonly capture_id: string;
  readonly tier: string;
  readonly week_ending: string;
  readonly stage: string;
  readonly variant: string;
  readonly capture_number: number;
  readonly is_latest: boolean;
  readonly source_revision: number | null;
  readonly source_file: string | null;
  readonly row_count: number;
  readonly input_capture_id: string | null;
  readonly execution_id: string;
  readonly created_at: string;
};

function compareCaptures(left: CaptureListing, right: CaptureListing): number {
  return (
    compareText(left.tier, right.tier) ||
    compareText(left.week_ending, right.week_ending) ||
    otcStages.position(left.stage) - otcStages.position(right.stage) ||
    compareText(left.variant, right.variant) ||
    left.capture_number - right.capture_number
  );
}

/** Every capture (each stage run that wrote data), with the one the `_latest` views show marked. */
export const capturesQuery = defineQuery({
  name: "otc.captures",
  description:
    "Captures per tier-week and stage: variant, number, whether latest, source revision and file, rows.",
  params: capturesParams,
  run: async (context, params) => {
    let query = otcDatabase(context.scope)
      .selectFrom("otc_captures as c")
      .leftJoin("otc_captures_latest as l", "l.capture_id", "c.capture_id")
      .selectAll("c")
      .select("l.capture_id as latest_capture_id");
    if (params.tier !== undefined) query = query.where("c.tier", "=", params.tier);
    if (params.week_ending !== undefined) query = query.where("c.week_ending", "=", params.week_ending);
    const rows = await query.execute();
    const listings = rows.map(
      (row): CaptureListing => ({
        capture_id: row.capture_id,
        tier: row.tier,
        week_ending: row.week_ending,
        stage: row.stage,
        variant: row.variant,
        capture_number: numberOf(row.capture_number),
        is_latest: row.latest_capture_id !== null,
        source_revision: numberOrNull(row.source_revision),
        source_file: row.source_file,
        row_count: numberOf(row.row_count),
        input_capture_id: row.input_capture_id,
        execution_id: row.execution_id,
        created_at: row.created_at,
      }),
    );
    return listings.sort(compareCaptures);
  },
});
