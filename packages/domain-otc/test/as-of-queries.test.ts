import { join } from "node:path";
import { expectedPublicationDate } from "@spine/finra";
import { afterEach, describe, expect, it } from "vitest";
import { createBackfillHarness } from "./support/backfill-harness.js";
import { runQuery } from "./support/run-query.js";

// Four OTC weeks; FINRA republishes the third on 2026-01-05 with AABB restated, a new symbol ZZZZ0
// and a row it rejects. Every query answers as of 2026-01-04 with the original, and with the
// republication when asked on its date or without as_of (issue #12: every query accepts as_of).
const weeks = ["2025-10-31", "2025-11-07", "2025-11-14", "2025-11-21"] as const;
const [, , republishedWeek = "", laterWeek = ""] = weeks;
const republicationDate = "2026-01-05";
const before = "2026-01-04";
const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

function weekFile(rows: ReadonlyArray<readonly [string, number]>, published: string): string {
  const lines = rows.map(
    ([symbol, shares]) =>
      `OTC|${symbol}|${symbol} Inc.|Maker A LLC|MMAA|${shares}|${Math.ceil(shares / 100)}|${published}`,
  );
  return [header, ...lines, ""].join("\n");
}

const original = (index: number) =>
  weekFile(
    [
      ["AABB", 1000 * (index + 1)],
      ["CCCC", 500],
    ],
    expectedPublicationDate("OTC", weeks[index] ?? ""),
  );
const republication = `${weekFile(
  [
    ["AABB", 9000],
    ["CCCC", 500],
    ["ZZZZ0", 700],
  ],
  republicationDate,
)}OTC|BADX|BADX Inc.|Maker A LLC|MMAA|-5|1|${republicationDate}\n`;

const harness = createBackfillHarness();
afterEach(() => harness.cleanup());

async function republishedSpine() {
  const spine = await harness.open();
  const folder = harness.folder();
  for (const [index, week] of weeks.entries()) folder.write(`otc_week_${week}.csv`, original(index));
  const other = harness.folder();
  other.write("finra_otc_weekly_otc_20260105.csv", republication);
  const backfill = (extra: Record<string, unknown> = {}) =>
    harness.backfill({
      source_dir: folder.directory,
      tier: "OTC",
      start_week: weeks[0],
      end_week: laterWeek,
      window_weeks: 2,
      ...extra,
    });
  expect((await backfill()).status).toBe("completed");
  const ingest = await spine.dispatcher.submit("otc.ingest_week", {
    file_path: join(other.directory, "finra_otc_weekly_otc_20260105.csv"),
    tier: "OTC",
    week_ending: republishedWeek,
  });
  expect(ingest.status, ingest.error ?? "").toBe("completed");
  const refresh = await backfill({ only: "stale" });
  expect(refresh.status, refresh.error ?? "").toBe("completed");
  // Each query, asked as of the day before the republication, on its date, and without as_of.
  const asked = async (name: string, params: Record<string, unknown>) => ({
    before: await runQuery(spine, name, { ...params, as_of: before }),
    on: await runQuery(spine, name, { ...params, as_of: republicationDate }),
    latest: await runQuery(spine, name, params),
  });
  return { spine, asked };
}

const republished = { tier: "OTC", week_ending: republishedWeek };
const later = { tier: "OTC", week_ending: laterWeek, window_weeks: 2 };
const symbols = (rows: readonly Record<string, unknown>[]) => rows.map((row) => row.symbol).sort();
const aabb = (rows: readonly Record<string, unknown>[]) => rows.find((row) => row.symbol === "AABB");

describe("integration: every OTC query answers as of a date", () => {
  it("research queries: the original values before the republication, the new ones on and after it", async () => {
    const { spine, asked } = await republishedSpine();
    const liquidity = await asked("otc.liquidity", republished);
    expect(symbols(liquidity.before)).toEqual(["AABB", "CCCC"]);
    for (const rows of [liquidity.on, liquidity.latest])
      expect(symbols(rows)).toEqual(["AABB", "CCCC", "ZZZZ0"]);
    expect(liquidity.before.every((row) => row.stale === false)).toBe(true);

    const rolling = await asked("otc.rolling", later);
    expect(aabb(rolling.before)).toMatchObject({ avg_volume: 3500, calc_version: "v2", stale: false });
    for (const rows of [rolling.on, rolling.latest]) expect(aabb(rows)).toMatchObject({ avg_volume: 6500 });
    expect(await runQuery(spine, "otc.query_rolling", { ...later, as_of: before })).toEqual(rolling.before);

    const snapshot = await asked("otc.research_snapshot", later);
    expect(aabb(snapshot.before)).toMatchObject({
      rolling_avg_volume: 3500,
      expected_publication_date: expectedPublicationDate("OTC", laterWeek),
    });
    for (const rows of [snapshot.on, snapshot.latest])
      expect(aabb(rows)).toMatchObject({
        rolling_avg_volume: 6500,
        expected_publication_date: republicationDate,
      });

    const top = await asked("otc.top_symbols", republished);
    expect(aabb(top.before)).toMatchObject({ total_volume: 3000 });
    expect(aabb(top.latest)).toMatchObject({ total_volume: 9000 });
    const venues = await asked("otc.venue_shares", republished);
    expect(venues.before).toMatchObject([{ mpid: "MMAA", total_volume: 3500 }]);
    expect(venues.latest).toMatchObject([{ mpid: "MMAA", total_volume: 10_200 }]);
  });

  it("ledger queries: weeks, captures, rejects, quality, freshness and compare_captures as of a date", async () => {
    const { spine, asked } = await republishedSpine();
    const coverage = await asked("otc.weeks", republished);
    expect(coverage.before).toMatchObject([{ source_revision: 1, source_last_update_date: "2025-12-15" }]);
    expect(coverage.before[0]).toMatchObject({
      stale: false,
      stages_done: "ingest,normalize,aggregate,rolling,snapshot",
    });
    for (const rows of [coverage.on, coverage.latest])
      expect(rows).toMatchObject([{ source_revision: 2, source_last_update_date: republicationDate }]);

    const captures = await asked("otc.captures", republished);
    const latestIngest = (rows: readonly Record<string, unknown>[]) =>
      rows.filter((row) => row.stage === "ingest" && row.is_latest).map((row) => row.capture_number);
    expect(latestIngest(captures.before)).toEqual([1]);
    expect(captures.before.some((row) => row.publication_date === republicationDate)).toBe(false);
    for (const rows of [captures.on, captures.latest]) expect(latestIngest(rows)).toEqual([2]);

    const rejects = await asked("otc.rejects", republished);
    expect(rejects.before).toEqual([]);
    for (const rows of [rejects.on, rejects.latest])
      expect(rows.map((row) => row.reason_code)).toEqual(["NEGATIVE_SHARE_QUANTITY"]);

    const republicationRuns = new Set(
      captures.latest
        .filter((row) => row.publication_date === republicationDate)
        .map((row) => row.execution_id),
    );
    const quality = await asked("otc.quality", republished);
    const fromRepublication = (rows: readonly Record<string, unknown>[]) =>
      rows.filter((row) => republicationRuns.has(row.execution_id)).length;
    expect(quality.before.length).toBeGreaterThan(0);
    expect(fromRepublication(quality.before)).toBe(0);
    expect(fromRepublication(quality.on)).toBeGreaterThan(0);

    // The last week was first published on 2025-12-22: a day earlier, 2025-11-14 was the latest.
    const freshness = await runQuery(spine, "otc.freshness", { as_of: "2025-12-21" });
    expect(freshness).toMatchObject([{ tier: "OTC", latest_week_ending: republishedWeek, loaded: 3 }]);
    expect(await runQuery(spine, "otc.freshness", { as_of: "2025-12-22" })).toMatchObject([
      { latest_week_ending: laterWeek, loaded: 4 },
    ]);

    const pair = {
      capture_a: `ingest:otc:${republishedWeek}:1`,
      capture_b: `ingest:otc:${republishedWeek}:2`,
    };
    await expect(runQuery(spine, "otc.compare_captures", { ...pair, as_of: before })).rejects.toThrow(
      /not knowable on 2026-01-04/,
    );
    const compared = await runQuery(spine, "otc.compare_captures", { ...pair, as_of: republicationDate });
    expect(compared.find((table) => table.table === "otc_raw_rows")).toMatchObject({ identical: false });
  });
});
