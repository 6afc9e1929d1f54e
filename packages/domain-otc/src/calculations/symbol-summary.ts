import type { VenueVolume } from "@spine/finra";
import { hasActivity } from "@spine/finra";
import { compareText, groupBy, sumBy } from "@spine/platform/pure";

export type SymbolSummary = {
  symbol: string;
  totalVolume: number;
  totalTrades: number;
  /** Venues with activity in the symbol; zero-activity rows are not counted. */
  venueCount: number;
  /** totalVolume / totalTrades; null when there were no trades. */
  avgTradeSize: number | null;
};

/** Per-symbol totals for one tier-week, sorted by symbol. */
export function computeSymbolSummaries(volumes: readonly VenueVolume[]): SymbolSummary[] {
  const summaries: SymbolSummary[] = [];
  for (const [symbol, rows] of groupBy(volumes, (row) => row.symbol)) {
    const totalVolume = sumBy(rows, (row) => row.shareVolume);
    const totalTrades = sumBy(rows, (row) => row.tradeCount);
    summaries.push({
      symbol,
      totalVolume,
      totalTrades,
      venueCount: new Set(rows.filter(hasActivity).map((row) => row.mpid)).size,
      avgTradeSize: totalTrades === 0 ? null : totalVolume / totalTrades,
    });
  }
  return summaries.sort((left, right) => compareText(left.symbol, right.symbol));
}
