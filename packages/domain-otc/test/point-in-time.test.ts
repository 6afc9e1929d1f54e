import { join } from "node:path";
import { expectedPublicationDate } from "@spine/finra";
import { afterEach, describe, expect, it } from "vitest";
import { createBackfillHarness } from "./support/backfill-harness.js";
import { runQuery } from "./support/run-query.js";

// Four OTC weeks; the third is republished by FINRA on 2026-01-05 with AABB restated and a new
// symbol ZZZZ0. Every row of a file carries the file's publication date.
const weeks = ["2025-10-31", "2025-11-07", "2025-11-14", "2025-11-21"] as const;
const [, , republishedWeek, laterWeek] = weeks;
const republicationDate = "2026-01-05";
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
const republication = weekFile(
  [
    ["AABB", 9000],
    ["CCCC", 500],
    ["ZZZZ0", 700],
  ],
  republicationDate,
);

const harness = createBackfillHarness();
afterEach(() => harness.cleanup());

async function setUp() {
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
  const ingest = (path: string, options: { force?: boolean } = {}) =>
    spine.dispatcher.submit(
      "otc.ingest_week",
      { file_path: path, tier: "OTC", week_ending: republishedWeek },
      options,
    );
  const paths = {
    original: join(folder.directory, `otc_week_${republishedWeek}.csv`),
    republication: join(other.directory, "finra_otc_weekly_otc_20260105.csv"),
  };
  return { spine, backfill, ingest, paths };
}

type Spine = Awaited<ReturnType<typeof setUp>>["spine"];

async function laterWeekHistory(spine: Spine, symbol: string, asOf?: string) {
  const rows = await runQuery(spine, "otc.symbol_history", {
    symbol,
    tier: "OTC",
    window_weeks: 2,
    ...(asOf ? { as_of: asOf } : {}),
  });
  return rows.find((row) => row.week_ending === laterWeek);
}

async function rollingSymbols(week: string): Promise<string[]> {
  const rows = await harness.rows<{ symbol: string }>(
    `select symbol from otc_symbol_rolling_latest where tier = 'OTC' and week_ending = '${week}' order by symbol`,
  );
  return rows.map((row) => row.symbol);
}

async function weekCoverage(spine: Spine, week: string) {
  const [row] = await runQuery(spine, "otc.weeks", { tier: "OTC", week_ending: week });
  return row;
}

describe("integration", () => {
  it("keeps FINRA's later revision latest when an older one is loaded after it (failure 2)", async () => {
    const { spine, ingest, paths } = await setUp();
    for (const path of [paths.original, paths.republication]) {
      const run = await ingest(path);
      expect(run.status, run.error ?? "").toBe("completed");
    }
    // A routine reload of the older file is known by its sha256 and skipped; forced, it is
    // recorded as revision 3, and FINRA's later date still keeps the republication latest.
    expect((await ingest(paths.original)).status).toBe("skipped");
    const forced = await ingest(paths.original, { force: true });
    expect(forced.status, forced.error ?? "").toBe("completed");
    const captures = await runQuery(spine, "otc.captures", { tier: "OTC", week_ending: republishedWeek });
    const ingests = captures.filter((capture) => capture.stage === "ingest");
    expect(
      ingests.map((capture) => [capture.capture_number, capture.publication_date, capture.is_latest]),
    ).toEqual([
      [1, "2025-12-15", false],
      [2, republicationDate, true],
      [3, "2025-12-15", false],
    ]);
    const partition = { tier: "OTC", week_ending: republishedWeek };
    for (const pipeline of ["otc.normalize_week", "otc.aggregate_week"])
      expect((await spine.dispatcher.submit(pipeline, partition)).status).toBe("completed");
    const [top] = await runQuery(spine, "otc.top_symbols", { ...partition, limit: 1 });
    expect(top).toMatchObject({ symbol: "AABB", total_volume: 9000, stale: false });
    // The same file loaded twice gives the same rows; the republication differs where FINRA restated.
    const ingestId = (number: number) => `ingest:otc:${republishedWeek}:${number}`;
    const same = await runQuery(spine, "otc.compare_captures", {
      capture_a: ingestId(1),
      capture_b: ingestId(3),
    });
    expect(same.map((table) => [table.table, table.identical])).toEqual([
      ["otc_raw_rows", true],
      ["otc_raw_metadata", true],
      ["otc_issue_names", true],
      ["otc_participant_names", true],
    ]);
    const details = await runQuery(spine, "otc.compare_captures", {
      capture_a: ingestId(1),
      capture_b: ingestId(2),
      details: true,
    });
    const changed = details.filter((row) => row.table === "otc_raw_rows" && row.difference === "changed");
    expect(changed.filter((row) => row.column === "share_quantity_text")).toEqual([
      expect.objectContaining({ key: "[2]", capture_a: 3000, capture_b: 9000 }),
    ]);
    expect(
      details.some((row) => row.difference === "only_in_b" && String(row.capture_b).includes("ZZZZ0")),
    ).toBe(true);
  });

  it("marks later windows stale after a republication, refreshes exactly them, and answers as of a date (failures 3, 4, 5)", async () => {
    const { spine, backfill, ingest, paths } = await setUp();
    expect((await backfill()).status).toBe("completed");
    const before = await laterWeekHistory(spine, "AABB");
    // Window of two weeks: (3000 + 4000) / 2.
    expect(before).toMatchObject({ rolling_avg_volume: 3500, stale: false });
    expect((await ingest(paths.republication)).status).toBe("completed");
    // Outside a backfill nothing is recomputed, but nothing is served silently either.
    expect(await laterWeekHistory(spine, "AABB")).toMatchObject({ rolling_avg_volume: 3500, stale: true });
    expect(await weekCoverage(spine, laterWeek ?? "")).toMatchObject({
      stale: true,
      stages_stale: "rolling,snapshot",
    });
    const refresh = await backfill({ only: "stale" });
    expect(refresh.status, refresh.error ?? "").toBe("completed");
    expect(refresh.summary.table.map((row) => row.week_ending)).toEqual([republishedWeek, laterWeek]);
    expect(await laterWeekHistory(spine, "AABB")).toMatchObject({ rolling_avg_volume: 6500, stale: false });
    expect(await weekCoverage(spine, laterWeek ?? "")).toMatchObject({ stale: false, stages_stale: "" });
    // As of a date before the republication: the kept original window; on its date: the new one.
    expect(await laterWeekHistory(spine, "AABB", "2026-01-04")).toMatchObject({ rolling_avg_volume: 3500 });
    expect(await laterWeekHistory(spine, "AABB", republicationDate)).toMatchObject({
      rolling_avg_volume: 6500,
    });
    expect(await laterWeekHistory(spine, "AABB", "2025-12-21")).toBeUndefined();
    // No look-ahead: rows holding the republished week are dated when it was published.
    const snapshots = await harness.rows<{ week_ending: string; expected_publication_date: string }>(
      "select distinct week_ending, expected_publication_date from otc_research_snapshot_latest order by week_ending",
    );
    expect(snapshots).toEqual([
      { week_ending: weeks[0], expected_publication_date: "2025-12-01" },
      { week_ending: weeks[1], expected_publication_date: "2025-12-08" },
      { week_ending: republishedWeek, expected_publication_date: republicationDate },
      { week_ending: laterWeek, expected_publication_date: republicationDate },
    ]);
  });

  it("removes a rolled-back file's symbol from later windows and refreshes them with a selective backfill (failure 3)", async () => {
    const { spine, backfill, ingest, paths } = await setUp();
    expect((await backfill()).status).toBe("completed");
    expect((await ingest(paths.republication)).status).toBe("completed");
    expect((await backfill({ only: "stale" })).status).toBe("completed");
    expect(await rollingSymbols(laterWeek ?? "")).toContain("ZZZZ0");
    const rollback = await spine.dispatcher.submit("otc.rollback_capture", {
      capture_id: `ingest:otc:${republishedWeek}:2`,
    });
    expect(rollback.status, rollback.error ?? "").toBe("completed");
    // What read the rolled-back file is removed with it, windows included: the later week falls
    // back to its window computed before the republication, marked to run again.
    expect(await rollingSymbols(laterWeek ?? "")).toEqual(["AABB", "CCCC"]);
    expect(
      (rollback.output as { removed_derived_capture_ids: string[] }).removed_derived_capture_ids,
    ).toEqual(
      expect.arrayContaining([`rolling:otc:${laterWeek}:window_2:2`, `snapshot:otc:${laterWeek}:window_2:2`]),
    );
    const captures = await runQuery(spine, "otc.captures", { tier: "OTC", week_ending: laterWeek });
    const rolling = captures.filter((capture) => capture.stage === "rolling" && capture.is_latest);
    expect(rolling.map((capture) => capture.stale)).toEqual([true]);
    expect(await weekCoverage(spine, laterWeek ?? "")).toMatchObject({ stale: true });
    const dryRun = await backfill({ only: "stale,failed,missing", dry_run: true });
    const planned = (dryRun.output as { table: Array<{ week_ending: string }> }).table;
    expect([...new Set(planned.map((row) => row.week_ending))]).toEqual([republishedWeek, laterWeek]);
    expect((await backfill({ only: "stale,failed,missing" })).status).toBe("completed");
    expect(await rollingSymbols(laterWeek ?? "")).toEqual(["AABB", "CCCC"]);
    expect(await laterWeekHistory(spine, "AABB")).toMatchObject({ rolling_avg_volume: 3500, stale: false });
  });
});
