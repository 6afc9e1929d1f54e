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
