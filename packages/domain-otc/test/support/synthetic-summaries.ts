import type { Tier } from "@spine/finra";
import type { Spine } from "@spine/platform";
import { canonicalJson } from "@spine/platform";
import { otcDatabase } from "../../src/pipelines/support/otc-database.js";

/** A deterministic pseudo-random generator (mulberry32), so synthetic history is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One symbol's numbers in one week. */
export interface SyntheticSummary {
  readonly symbol: string;
  readonly totalVolume: number;
  readonly totalTrades: number;
}

/**
 * Writes an aggregate capture and its symbol summaries directly, standing in for otc.aggregate_week
 * so rolling can be checked on shapes the fixtures lack (gaps, zero weeks, superseded captures).
 */
export async function insertAggregate(
  spine: Spine,
  partition: { tier: Tier; weekEnding: string; captureNumber: number },
  summaries: readonly SyntheticSummary[],
): Promise<string> {
  const db = otcDatabase(spine.database);
  const captureId = `aggregate:test:${partition.weekEnding}:${partition.captureNumber}`;
  await db
    .insertInto("core_captures")
    .values({
      capture_id: captureId,
      domain: "otc",
      partition_key: canonicalJson({ tier: partition.tier, week_ending: partition.weekEnding }),
      stage: "aggregate",
      variant: "default",
      capture_number: partition.captureNumber,
      row_count: summaries.length,
      execution_id: "test",
      created_at: "2025-11-01T00:00:00.000Z",
    })
    .execute();
  if (summaries.length === 0) return captureId;
  await db
    .insertInto("otc_symbol_summary_rows")
    .values(
      summaries.map((summary) => ({
        capture_id: captureId,
        calc_name: "symbol_summary",
        calc_version: "v1",
        symbol: summary.symbol,
        total_volume: summary.totalVolume,
        total_trades: summary.totalTrades,
        venue_count: 1,
        avg_trade_size: summary.totalTrades === 0 ? null : summary.totalVolume / summary.totalTrades,
      })),
    )
    .execute();
  return captureId;
}

/** Random summaries for some of `symbols`: about a fifth absent, some zero-activity, volumes up to ~1e9. */
export function randomSummaries(random: () => number, symbols: readonly string[]): SyntheticSummary[] {
  const summaries: SyntheticSummary[] = [];
  for (const symbol of symbols) {
    const draw = random();
    if (draw < 0.2) continue;
    if (draw < 0.3) {
      summaries.push({ symbol, totalVolume: 0, totalTrades: 0 });
      continue;
    }
    const totalVolume = Math.floor(random() * 1_000_000_000) + 1;
    summaries.push({ symbol, totalVolume, totalTrades: Math.floor(random() * 5_000) + 1 });
  }
  return summaries;
}
