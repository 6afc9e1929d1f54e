import { addWeeks } from "@spine/finra";
import { afterEach, describe, expect, it } from "vitest";
import { openOtcSpine } from "./support/otc-spine.js";
import { expectRollingMatchesPure, storedRolling } from "./support/rolling-comparison.js";
import { insertAggregate, randomSummaries, seededRandom } from "./support/synthetic-summaries.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

const FIRST_WEEK = "2025-01-03";
const SYMBOLS = Array.from({ length: 40 }, (_, index) => `S${String(index).padStart(3, "0")}`);
// Weeks 4 and 9 have no aggregate at all: gaps shrink weeks_available instead of counting as zero.
const MISSING_WEEK_INDEXES = new Set([4, 9]);

async function loadSyntheticHistory(open: OtcSpine, weeks: number): Promise<string[]> {
  const random = seededRandom(20251031);
  const weekEndings: string[] = [];
  for (let index = 0; index < weeks; index += 1) {
    const weekEnding = addWeeks(FIRST_WEEK, index);
    weekEndings.push(weekEnding);
    if (MISSING_WEEK_INDEXES.has(index)) continue;
    // A superseded first capture with other numbers proves the stage reads only `_latest`.
    await insertAggregate(
      open,
      { tier: "OTC", weekEnding, captureNumber: 1 },
      randomSummaries(random, SYMBOLS),
    );
    await insertAggregate(
      open,
      { tier: "OTC", weekEnding, captureNumber: 2 },
      randomSummaries(random, SYMBOLS),
    );
  }
  return weekEndings;
}

async function runRolling(open: OtcSpine, weekEnding: string, windowWeeks: number) {
  return open.dispatcher.submit("otc.compute_rolling", {
    tier: "OTC",
    week_ending: weekEnding,
    window_weeks: windowWeeks,
  });
}

describe("integration", () => {
  it("fails with a missing-input error when the week itself has no aggregate capture", async () => {
    spine = await openOtcSpine();
    const weeks = await loadSyntheticHistory(spine, 6);
    const execution = await runRolling(spine, weeks[4] ?? "", 3);
    expect(execution.status).toBe("failed");
    expect(execution.error).toContain("no aggregate capture exists yet");
  });

  it("rejects a window outside 1..52 weeks", async () => {
    spine = await openOtcSpine();
    await expect(runRolling(spine, FIRST_WEEK, 53)).rejects.toThrow(/window_weeks/);
  });

  it("computes the same metrics as computeRollingMetrics for every week and window, gaps included", async () => {
    spine = await openOtcSpine();
    const weeks = await loadSyntheticHistory(spine, 14);
    let compared = 0;
    for (const windowWeeks of [1, 2, 6, 12]) {
      for (const [index, weekEnding] of weeks.entries()) {
        if (MISSING_WEEK_INDEXES.has(index)) continue;
        const execution = await runRolling(spine, weekEnding, windowWeeks);
        expect(execution.status, execution.error ?? "").toBe("completed");
        compared += (await expectRollingMatchesPure(spine, "OTC", weekEnding, windowWeeks)).rows;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("counts a gap week out of weeks_available and marks the window incomplete", async () => {
    spine = await openOtcSpine();
    const weeks = await loadSyntheticHistory(spine, 7);
    await runRolling(spine, weeks[6] ?? "", 6);
    const rows = await storedRolling(spine, "OTC", weeks[6] ?? "", 6);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.weeksAvailable).toBe(5);
      expect(row.isComplete).toBe(false);
    }
  });
});
