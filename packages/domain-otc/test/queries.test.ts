import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGeneratedWeeks } from "./support/generated-weeks.js";
import { fixturesDirectory, openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine;
let weeks: string[];
let latestWeek: string;
// bad-rows.csv holds one row per reject rule for OTC week ending 2025-10-03.
const REJECTS_WEEK = { tier: "OTC", week_ending: "2025-10-03" };

beforeAll(async () => {
  spine = await openOtcSpine();
  weeks = await loadGeneratedWeeks(spine, "OTC", 2);
  latestWeek = weeks[1] ?? "";
  await spine.dispatcher.submit("otc.compute_rolling", { tier: "OTC", week_ending: latestWeek });
  await spine.dispatcher.submit("otc.research_snapshot_week", { tier: "OTC", week_ending: latestWeek });
  await spine.dispatcher.submit("otc.ingest_week", {
    file_path: join(fixturesDirectory, "edge-cases", "bad-rows.csv"),
    ...REJECTS_WEEK,
  });
  await spine.dispatcher.submit("otc.normalize_week", REJECTS_WEEK);
});
afterAll(async () => {
  await spine.cleanup();
});

function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const first = rows[0];
  if (!first) throw new Error("the query returned no rows");
  return Object.keys(first).sort();
}

describe("integration", () => {
  it("rejects a tier-week query without a tier and an unknown status", async () => {
    await expect(runQuery(spine, "otc.top_symbols", { week_ending: latestWeek })).rejects.toThrow();
    await expect(runQuery(spine, "otc.quality", { status: "broken" })).rejects.toThrow();
  });

  it("returns no rows for a week that was never loaded", async () => {
    expect(await runQuery(spine, "otc.top_symbols", { tier: "OTC", week_ending: "2024-01-05" })).toEqual([]);
    expect(await runQuery(spine, "otc.weeks", { week_ending: "2024-01-05" })).toEqual([]);
  });

  it("reports coverage per tier-week with stages done, rows and source revision", async () => {
    const rows = await runQuery(spine, "otc.weeks", { tier: "OTC" });
    expect(rows.map((row) => [row.week_ending, row.stages_done])).toEqual([
      [weeks[0], "ingest,normalize,aggregate"],
      [latestWeek, "ingest,normalize,aggregate,rolling,snapshot"],
      [REJECTS_WEEK.week_ending, "ingest,normalize"],
    ]);
    expect(rows[1]).toMatchObject({
      tier: "OTC",
      rolling_variants: "window_6",
      source_revision: 1,
      rejects: 0,
    });
    expect(rows[1]?.symbols).toBe(rows[1]?.snapshot_rows);
    expect(typeof rows[1]?.raw_rows).toBe("number");
  });

  it("ranks top symbols by total volume, descending, within the limit", async () => {
    const rows = await runQuery(spine, "otc.top_symbols", { tier: "OTC", week_ending: latestWeek, limit: 5 });
    expect(rows).toHaveLength(5);
    expect(columnsOf(rows)).toEqual([
      "avg_trade_size",
      "hhi",
      "hhi_10000",
      "rank",
      "stale",
      "symbol",
      "top_mpid",
      "total_trades",
      "total_volume",
      "venue_count",
    ]);
    const volumes = rows.map((row) => Number(row.total_volume));
    expect(volumes).toEqual([...volumes].sort((left, right) => right - left));
  });

  it("lists venue shares by rank, summing to one", async () => {
    const rows = await runQuery(spine, "otc.venue_shares", { tier: "OTC", week_ending: latestWeek });
    expect(columnsOf(rows)).toEqual([
      "market_participant_name",
      "market_share",
      "mpid",
      "rank",
      "stale",
      "symbol_count",
      "total_trades",
      "total_volume",
    ]);
    expect(rows.every((row) => row.stale === false)).toBe(true);
    expect(rows.map((row) => row.rank)).toEqual(rows.map((_row, index) => index + 1));
    expect(rows.reduce((sum, row) => sum + Number(row.market_share), 0)).toBeCloseTo(1, 12);
  });

  it("returns a symbol's weekly history newest first with its rolling metrics", async () => {
    const [top] = await runQuery(spine, "otc.top_symbols", {
      tier: "OTC",
      week_ending: latestWeek,
      limit: 1,
    });
    const rows = await runQuery(spine, "otc.symbol_history", { symbol: String(top?.symbol), tier: "OTC" });
    expect(rows[0]).toMatchObject({
      week_ending: latestWeek,
      rolling_window_weeks: 6,
      rolling_is_complete: false,
    });
    expect(rows.map((row) => row.week_ending)).toEqual(
      [...rows.map((row) => row.week_ending)].sort().reverse(),
    );
    expect(columnsOf(rows)).toContain("rolling_trend_direction");
  });

  it("lists quality checks filtered by tier, week and status", async () => {
    const rows = await runQuery(spine, "otc.quality", { tier: "OTC", week_ending: latestWeek });
    expect(rows.map((row) => row.check_name)).toEqual(
      expect.arrayContaining(["rolling.rows_match_symbols", "snapshot.rows_match_summary"]),
    );
    expect(rows.every((row) => row.week_ending === latestWeek && row.tier === "OTC")).toBe(true);
    const failing = await runQuery(spine, "otc.quality", { tier: "OTC", status: "fail" });
    expect(
      failing.filter(
        (row) =>
          String(row.check_name).startsWith("rolling.") || String(row.check_name).startsWith("snapshot."),
      ),
    ).toEqual([]);
  });

  it("lists rejects with their partition, reason and line, filtered by reason code in any case", async () => {
    const all = await runQuery(spine, "otc.rejects", REJECTS_WEEK);
    expect(all).toHaveLength(11);
    expect(all.every((row) => row.tier === "OTC" && row.week_ending === "2025-10-03")).toBe(true);
    const emptySymbol = await runQuery(spine, "otc.rejects", {
      ...REJECTS_WEEK,
      reason_code: "empty_symbol",
    });
    expect(emptySymbol).toMatchObject([{ reason_code: "EMPTY_SYMBOL", line_number: 3 }]);
    expect(await runQuery(spine, "otc.rejects", { tier: "OTC", week_ending: latestWeek })).toEqual([]);
    const [coverage] = await runQuery(spine, "otc.weeks", REJECTS_WEEK);
    expect(coverage).toMatchObject({ stages_done: "ingest,normalize", rejects: 11 });
  });
});
