import { sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { loadGeneratedWeeks } from "./support/generated-weeks.js";
import { openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine | undefined;
afterEach(async () => {
  await spine?.cleanup();
  spine = undefined;
});

async function openWithWeeks(count: number): Promise<{ open: OtcSpine; weeks: string[] }> {
  spine = await openOtcSpine();
  return { open: spine, weeks: await loadGeneratedWeeks(spine, "OTC", count) };
}

async function latestSummaryCaptures(open: OtcSpine, weekEnding: string): Promise<string[]> {
  const result = await sql<{ capture_id: string }>`
    select distinct capture_id from otc_symbol_summary_latest where tier = 'OTC' and week_ending = ${weekEnding}
  `.execute(open.database.db);
  return result.rows.map((row) => row.capture_id);
}

// The stages done with current inputs: a stale entry stays in the manifest, marked, and counts as not done.
async function manifestStages(open: OtcSpine, weekEnding: string, state: "done" | "stale" = "done") {
  const result = await sql<{ stage: string }>`
    select stage from core_manifest where domain = 'otc' and partition_key like ${`%${weekEnding}%`}
      and stale_reason is ${sql.raw(state === "done" ? "null" : "not null")} order by stage
  `.execute(open.database.db);
  return result.rows.map((row) => row.stage);
}

describe("integration", () => {
  it("makes later weeks' rolling windows stale when a week's latest aggregate is rolled back", async () => {
    const { open, weeks } = await openWithWeeks(3);
    const [first, second, third] = weeks;
    for (const week of weeks)
      await open.dispatcher.submit("otc.compute_rolling", { tier: "OTC", week_ending: week });
    await open.dispatcher.submit("otc.aggregate_week", { tier: "OTC", week_ending: second }, { force: true });
    for (const week of weeks)
      await open.dispatcher.submit("otc.compute_rolling", { tier: "OTC", week_ending: week });
    expect(await manifestStages(open, third ?? "")).toContain("rolling@window_6");
    const rollback = await open.dispatcher.submit("otc.rollback_capture", {
      capture_id: `aggregate:otc:${second}:2`,
    });
    expect(rollback.metrics.invalidated_later_windows).toBe(1);
    expect(await manifestStages(open, third ?? "")).not.toContain("rolling@window_6");
    expect(await manifestStages(open, third ?? "", "stale")).toEqual(["rolling@window_6"]);
    expect(await manifestStages(open, first ?? "")).toContain("rolling@window_6");
  });

  it("never hands out a rolled-back capture's id again", async () => {
    const { open, weeks } = await openWithWeeks(1);
    const weekEnding = weeks[0] ?? "";
    const partition = { tier: "OTC", week_ending: weekEnding };
    await open.dispatcher.submit("otc.aggregate_week", partition, { force: true });
    const rollback = await open.dispatcher.submit("otc.rollback_capture", {
      capture_id: `aggregate:otc:${weekEnding}:2`,
    });
    expect(rollback.status, rollback.error ?? "").toBe("completed");
    const rerun = await open.dispatcher.submit("otc.aggregate_week", partition, { force: true });
    expect(rerun.metrics.capture_id).toBe(`aggregate:otc:${weekEnding}:3`);
    expect(await latestSummaryCaptures(open, weekEnding)).toEqual([`aggregate:otc:${weekEnding}:3`]);
  });

  it("fails with NOT_FOUND naming the closest capture ids for an unknown capture", async () => {
    const { open, weeks } = await openWithWeeks(1);
    const execution = await open.dispatcher.submit("otc.rollback_capture", {
      capture_id: `aggregate:otc:${weeks[0]}:9`,
    });
    expect(execution.status).toBe("failed");
    expect(execution.errorCode).toBe("NOT_FOUND");
    expect(execution.error).toContain(`aggregate:otc:${weeks[0]}:1`);
  });

  it("removes the latest capture so `_latest` shows the previous one and its stages re-run", async () => {
    const { open, weeks } = await openWithWeeks(1);
    const weekEnding = weeks[0] ?? "";
    const partition = { tier: "OTC", week_ending: weekEnding };
    await open.dispatcher.submit("otc.aggregate_week", partition, { force: true });
    await open.dispatcher.submit("otc.compute_rolling", partition);
    expect(await latestSummaryCaptures(open, weekEnding)).toEqual([`aggregate:otc:${weekEnding}:2`]);
    const rollback = await open.dispatcher.submit("otc.rollback_capture", {
      capture_id: `aggregate:otc:${weekEnding}:2`,
    });
    expect(rollback.status, rollback.error ?? "").toBe("completed");
    expect(rollback.output).toMatchObject({
      removed_capture_id: `aggregate:otc:${weekEnding}:2`,
      was_latest: true,
      latest_capture_id: `aggregate:otc:${weekEnding}:1`,
      invalidated_stages: ["aggregate", "rolling"],
    });
    expect(Object.keys((rollback.output as { rows_removed: object }).rows_removed)).toEqual(
      expect.arrayContaining([
        "otc_symbol_summary_rows",
        "otc_venue_share_rows",
        "otc_symbol_concentration_rows",
        "otc_liquidity_score_rows",
      ]),
    );
    expect(await latestSummaryCaptures(open, weekEnding)).toEqual([`aggregate:otc:${weekEnding}:1`]);
    expect(await manifestStages(open, weekEnding)).toEqual(["ingest", "normalize"]);
    expect(await manifestStages(open, weekEnding, "stale")).toEqual(["aggregate", "rolling@window_6"]);
    const rerun = await open.dispatcher.submit("otc.aggregate_week", partition);
    expect(rerun.status).toBe("completed");
  });

  it("removes an older capture without touching the latest data or the manifest", async () => {
    const { open, weeks } = await openWithWeeks(1);
    const weekEnding = weeks[0] ?? "";
    await open.dispatcher.submit(
      "otc.aggregate_week",
      { tier: "OTC", week_ending: weekEnding },
      { force: true },
    );
    const rollback = await open.dispatcher.submit("otc.rollback_capture", {
      capture_id: `aggregate:otc:${weekEnding}:1`,
    });
    expect(rollback.output).toMatchObject({
      was_latest: false,
      latest_capture_id: `aggregate:otc:${weekEnding}:2`,
      invalidated_stages: [],
    });
    expect(await latestSummaryCaptures(open, weekEnding)).toEqual([`aggregate:otc:${weekEnding}:2`]);
    expect(await manifestStages(open, weekEnding)).toEqual(["aggregate", "ingest", "normalize"]);
  });

  it("lists every capture with the latest one of each stage and variant marked", async () => {
    const { open, weeks } = await openWithWeeks(1);
    const weekEnding = weeks[0] ?? "";
    await open.dispatcher.submit(
      "otc.aggregate_week",
      { tier: "OTC", week_ending: weekEnding },
      { force: true },
    );
    await open.dispatcher.submit("otc.compute_rolling", {
      tier: "OTC",
      week_ending: weekEnding,
      window_weeks: 6,
    });
    await open.dispatcher.submit("otc.compute_rolling", {
      tier: "OTC",
      week_ending: weekEnding,
      window_weeks: 12,
    });
    const captures = await runQuery(open, "otc.captures", { tier: "otc" });
    expect(captures.map((row) => [row.capture_id, row.is_latest])).toEqual([
      [`ingest:otc:${weekEnding}:1`, true],
      [`normalize:otc:${weekEnding}:1`, true],
      [`aggregate:otc:${weekEnding}:1`, false],
      [`aggregate:otc:${weekEnding}:2`, true],
      [`rolling:otc:${weekEnding}:window_12:1`, true],
      [`rolling:otc:${weekEnding}:window_6:1`, true],
    ]);
    expect(captures[0]).toMatchObject({
      stage: "ingest",
      variant: "default",
      capture_number: 1,
      source_revision: 1,
    });
    expect(typeof captures[0]?.row_count).toBe("number");
    expect(captures[0]?.source_file).toMatch(/^otc_week_\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
