import { addWeeks } from "@spine/finra";
import type { PipelineContext, RowSample } from "@spine/platform";
import { checkLikelyRepublication as checkRows } from "@spine/platform";
import { otcDatabase } from "./otc-database.js";
import type { SourceIdentity } from "./source-identity.js";

// FINRA restates recent weeks: a new week is compared with the 26 weeks either side of it.
const searchedWeeks = 26;

/** The raw columns compared (ingest samples them as it writes, so the check need not read them). */
export const republicationSample = {
  table: "otc_raw_rows",
  columns: ["symbol", "mpid", "share_quantity_text", "trade_count_text"],
} as const;

/** Warns when a new tier-week's rows nearly all equal another loaded week's; returns that week. */
export async function checkLikelyRepublication(
  context: PipelineContext,
  identity: SourceIdentity,
  capture: { readonly id: string; readonly rows: number; readonly sample?: RowSample | undefined },
): Promise<string | null> {
  const others = await otcDatabase(context.scope)
    .selectFrom("otc_captures_latest")
    .select(["capture_id", "week_ending"])
    .where("tier", "=", identity.tier)
    .where("stage", "=", "ingest")
    .where("week_ending", "!=", identity.weekEnding)
    .where("week_ending", ">=", addWeeks(identity.weekEnding, -searchedWeeks))
    .where("week_ending", "<=", addWeeks(identity.weekEnding, searchedWeeks))
    .execute();
  return checkRows(context, {
    ...republicationSample,
    capture,
    candidates: others.map((other) => ({ captureId: other.capture_id, label: other.week_ending })),
    remedy: (week) => `if so, roll this capture back and ingest the file with -p week_ending=${week}`,
  });
}
