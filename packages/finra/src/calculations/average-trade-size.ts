/** Shares per trade; null when there were no trades, as an average of nothing is undefined. */
export function averageTradeSize(shareVolume: number, tradeCount: number): number | null {
  return tradeCount === 0 ? null : shareVolume / tradeCount;
}
