import { sql } from "@spine/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeLiquidityScore, computeLiquidityScoreV2 } from "../src/pure.js";
import { loadGeneratedWeeks } from "./support/generated-weeks.js";
import { openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
let spine: OtcSpine;
let week: string;

beforeAll(async () => {
  spine = await openOtcSpine();
  [week = ""] = await loadGeneratedWeeks(spine, "OTC", 1);
});
afterAll(async () => {
  await spine.cleanup();
});

async function submit(pipeline: string, params: Record<string, unknown>) {
  const execution = await spine.dispatcher.submit(pipeline, params);
  expect(execution.status, execution.error ?? "").toBe("completed");
  return execution;
}

async function summaries() {
  const rows = await sql<{
    symbol: string;
    total_trades: unknown;
    venue_count: unknown;
    avg_trade_size: unknown;
  }>`
    select symbol, total_trades, venue_count, avg_trade_size from otc_symbol_summary_latest
    where tier = 'OTC' and week_ending = ${week}`.execute(spine.database.db);
  return new Map(rows.rows.map((row) => [row.symbol, row]));
}

// Numbered failure 6: every calculation was v1 and `-p calc_version=v2` was refused.
describe("integration: calculation versions side by side", () => {
  it("computes liquidity score v2 beside v1 and serves each version on its own", async () => {
    const v2 = await submit("otc.aggregate_week", { tier: "OTC", week_ending: week, calc_version: "v2" });
    expect(v2.metrics.variant).toBe("calc_v2");
    const current = await runQuery(spine, "otc.liquidity", {
      tier: "OTC",
      week_ending: week,
      limit: 100_000,
    });
    const second = await runQuery(spine, "otc.liquidity", {
      tier: "OTC",
      week_ending: week,
      calc_version: "v2",
      limit: 100_000,
    });
    const bySymbol = await summaries();
    expect(current.length).toBe(bySymbol.size);
    expect(second.length).toBe(bySymbol.size);
    expect(new Set(current.map((row) => row.calc_version))).toEqual(new Set(["v1"]));
    expect(new Set(second.map((row) => row.calc_version))).toEqual(new Set(["v2"]));
    for (const row of second) {
      const summary = bySymbol.get(String(row.symbol));
      const expected = computeLiquidityScoreV2({
        totalTrades: Number(summary?.total_trades),
        venueCount: Number(summary?.venue_count),
      });
      expect(row.liquidity_score).toBe(expected);
    }
    for (const row of current) {
      const summary = bySymbol.get(String(row.symbol));
      const avg = summary?.avg_trade_size === null ? null : Number(summary?.avg_trade_size);
      const expected = computeLiquidityScore({ avgTradeSize: avg, venueCount: Number(summary?.venue_count) });
      if (expected === null) expect(row.liquidity_score).toBeNull();
      else expect(row.liquidity_score).toBeCloseTo(expected, 6);
    }
  });

  it("leaves the current capture and every single-version table untouched", async () => {
    const latest = await sql<{ variant: string; n: number | string }>`
      select variant, count(*) as n from otc_captures_latest where tier = 'OTC' and week_ending = ${week}
      and stage = 'aggregate' group by variant order by variant`.execute(spine.database.db);
    expect(latest.rows.map((row) => row.variant)).toEqual(["calc_v2", "default"]);
    const summaryRows = await sql<{ n: number | string }>`select count(*) as n from otc_symbol_summary_latest
      where tier = 'OTC' and week_ending = ${week}`.execute(spine.database.db);
    expect(Number(summaryRows.rows[0]?.n)).toBe((await summaries()).size);
    const top = await runQuery(spine, "otc.top_symbols", { tier: "OTC", week_ending: week, limit: 3 });
    expect(top.map((row) => row.rank)).toEqual([1, 2, 3]);
  });

  it("skips an up-to-date v2 and keeps the stage's own manifest entry", async () => {
    const again = await spine.dispatcher.submit("otc.aggregate_week", {
      tier: "OTC",
      week_ending: week,
      calc_version: "v2",
    });
    expect(again.status).toBe("skipped");
    const current = await spine.dispatcher.submit("otc.aggregate_week", { tier: "OTC", week_ending: week });
    expect(current.status).toBe("skipped");
  });

  it("builds a research snapshot of each version side by side", async () => {
    await submit("otc.research_snapshot_week", { tier: "OTC", week_ending: week });
    await submit("otc.research_snapshot_week", { tier: "OTC", week_ending: week, calc_version: "v2" });
    const params = { tier: "OTC", week_ending: week, limit: 100_000 };
    const first = await runQuery(spine, "otc.research_snapshot", params);
    const second = await runQuery(spine, "otc.research_snapshot", { ...params, calc_version: "v2" });
    const v2 = await runQuery(spine, "otc.liquidity", { ...params, calc_version: "v2" });
    const v2Scores = new Map(v2.map((row) => [row.symbol, row.liquidity_score]));
    expect(second.length).toBe(first.length);
    for (const row of second) expect(row.liquidity_score).toBe(v2Scores.get(row.symbol));
    const hhi = first.find((row) => row.hhi !== null);
    expect(hhi?.hhi_10000).toBeCloseTo(Number(hhi?.hhi) * 10_000, 9);
  });

  it("refuses a version the stage does not have, naming the known ones", async () => {
    await expect(
      spine.dispatcher.submit("otc.compute_rolling", { tier: "OTC", week_ending: week, calc_version: "v1" }),
    ).rejects.toThrow(/calc_version/);
    await expect(
      runQuery(spine, "otc.liquidity", { tier: "OTC", week_ending: week, calc_version: "v9" }),
    ).rejects.toThrow(/v1|v2/);
  });
});
