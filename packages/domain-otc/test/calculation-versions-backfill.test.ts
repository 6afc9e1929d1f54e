import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";
import { generatedDirectory } from "./support/source-folder.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine;
const range = {
  tier: "otc",
  start_week: "2025-10-03",
  end_week: "2025-10-10",
  source_dir: generatedDirectory,
};

beforeAll(async () => {
  spine = await openOtcSpine();
});
afterAll(async () => {
  await spine.cleanup();
});

// The seeds' procedure: backfilling with a new calculation version keeps the current one beside it.
describe("integration: otc.backfill_range -p calc_version=v2", () => {
  it("computes v2 beside the current version for every week of the range", async () => {
    const run = await spine.dispatcher.submit("otc.backfill_range", { ...range, calc_version: "v2" });
    expect(run.status, run.error ?? "").toBe("completed");
    const variants = await sql<{ week_ending: string; stage: string; variant: string }>`
      select week_ending, stage, variant from otc_captures_latest where stage in ('aggregate', 'snapshot')
      order by week_ending, stage, variant`.execute(spine.database.db);
    expect(variants.rows.map((row) => `${row.week_ending} ${row.stage} ${row.variant}`)).toEqual([
      "2025-10-03 aggregate calc_v2",
      "2025-10-03 aggregate default",
      "2025-10-03 snapshot window_6",
      "2025-10-03 snapshot window_6_calc_v2",
      "2025-10-10 aggregate calc_v2",
      "2025-10-10 aggregate default",
      "2025-10-10 snapshot window_6",
      "2025-10-10 snapshot window_6_calc_v2",
    ]);
    const params = { tier: "OTC", week_ending: "2025-10-10", limit: 5 };
    const [v1] = await runQuery(spine, "otc.research_snapshot", params);
    const [v2] = await runQuery(spine, "otc.research_snapshot", { ...params, calc_version: "v2" });
    expect(v2?.symbol).toBe(v1?.symbol);
    expect(v2?.liquidity_score).toBe(Number(v1?.total_trades) * Number(v1?.venue_count));
  });

  it("skips every step when run again", async () => {
    const again = await spine.dispatcher.submit("otc.backfill_range", { ...range, calc_version: "v2" });
    expect(again.status, again.error ?? "").toBe("completed");
    expect(again.metrics.weeks_skipped).toBe(2);
  });

  it("refuses a version no calculation has", async () => {
    await expect(
      spine.dispatcher.submit("otc.backfill_range", { ...range, calc_version: "v7" }),
    ).rejects.toThrow(/calc_version/);
  });
});
