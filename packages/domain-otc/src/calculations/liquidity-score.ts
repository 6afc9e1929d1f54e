import type { SymbolSummary } from "./symbol-summary.js";

/**
 * v1: average trade size times venue count, rewarding symbols that trade in size across many
 * venues. Null when the symbol had no trades, as the average trade size is then undefined.
 */
export function computeLiquidityScore(
  summary: Pick<SymbolSummary, "avgTradeSize" | "venueCount">,
): number | null {
  return summary.avgTradeSize === null ? null : summary.avgTradeSize * summary.venueCount;
}

/**
 * v2: trade activity, total trades times active venue count. Share volume plays no part: a
 * sub-penny name moves billions of shares in a few trades, which says nothing about how easily it
 * trades. Zero trades give 0 (no activity), never NULL.
 */
export function computeLiquidityScoreV2(summary: Pick<SymbolSummary, "totalTrades" | "venueCount">): number {
  return summary.totalTrades * summary.venueCount;
}
