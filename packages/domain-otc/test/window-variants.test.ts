import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGeneratedWeeks } from "./support/generated-weeks.js";
import { openOtcSpine } from "./support/otc-spine.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine;
let weeks: string[];

beforeAll(async () => {
  spine = await openOtcSpine();
  weeks = await loadGeneratedWeeks(spine, "OTC", 3);
});
afterAll(async () => {
  await spine.cleanup();
});

// Issue #13, failure 11: switching window sizes (10, 6, 10, 6) kept one window per tier-week as
// done and recomputed each time.
describe("integration", () => {
  it("keeps each window size as its own manifest entry, so switching back recomputes nothing", async () => {
    const weekEnding = weeks[2] ?? "";
    const statuses: string[] = [];
    for (const pipeline of ["otc.compute_rolling", "otc.research_snapshot_week"])
      for (const windowWeeks of [10, 6, 10, 6]) {
        const execution = await spine.dispatcher.submit(pipeline, {
          tier: "OTC",
          week_ending: weekEnding,
          window_weeks: windowWeeks,
        });
        statuses.push(`${pipeline} ${windowWeeks} ${execution.status}`);
      }
    expect(statuses).toEqual([
      "otc.compute_rolling 10 completed",
      "otc.compute_rolling 6 completed",
      "otc.compute_rolling 10 skipped",
      "otc.compute_rolling 6 skipped",
      "otc.research_snapshot_week 10 completed",
      "otc.research_snapshot_week 6 completed",
      "otc.research_snapshot_week 10 skipped",
      "otc.research_snapshot_week 6 skipped",
    ]);
    const entries = await sql<{ stage: string }>`
      select stage from core_manifest where domain = 'otc' and stage like 'rolling%' order by stage`.execute(
      spine.database.db,
    );
    expect(entries.rows.map((row) => row.stage)).toContain("rolling@window_10");
    expect(entries.rows.map((row) => row.stage)).toContain("rolling@window_6");
  }, 60_000);

  it("recomputes every window variant of a week whose aggregate changed", async () => {
    const weekEnding = weeks[2] ?? "";
    await spine.dispatcher.submit(
      "otc.aggregate_week",
      { tier: "OTC", week_ending: weekEnding },
      { force: true },
    );
    for (const windowWeeks of [10, 6]) {
      const execution = await spine.dispatcher.submit("otc.compute_rolling", {
        tier: "OTC",
        week_ending: weekEnding,
        window_weeks: windowWeeks,
      });
      expect(execution.status).toBe("completed");
    }
  }, 60_000);
});
