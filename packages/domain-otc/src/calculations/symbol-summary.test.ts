import { describe, expect, it } from "vitest";
import { GOLDEN_TINY, venueVolume } from "../../test/support/venue-volumes.js";
import { computeLiquidityScore } from "./liquidity-score.js";
import { computeSymbolSummaries } from "./symbol-summary.js";

describe("unit", () => {
  it("returns nothing for an empty tier-week", () => {
    expect(computeSymbolSummaries([])).toEqual([]);
  });

  it("gives a zero-activity symbol no venues and a null average trade size", () => {
    const [summary] = computeSymbolSummaries([
      venueVolume("ZERO", "MMAA", 0, 0),
      venueVolume("ZERO", "MMBB", 0, 0),
    ]);
    expect(summary).toEqual({
      symbol: "ZERO",
      totalVolume: 0,
      totalTrades: 0,
      venueCount: 0,
      avgTradeSize: null,
    });
    expect(summary && computeLiquidityScore(summary)).toBeNull();
  });

  // AAAA: 600+300+100 = 1000 shares, 6+3+1 = 10 trades, avg 100, 3 venues -> liquidity 300.
  // BBBB: 200+200+600 = 1000 shares, 2+2+4 = 8 trades, avg 125, 3 venues -> liquidity 375.
  it("sums the golden tier-week per symbol, sorted by symbol", () => {
    const summaries = computeSymbolSummaries([...GOLDEN_TINY].reverse());
    expect(summaries).toEqual([
      { symbol: "AAAA", totalVolume: 1000, totalTrades: 10, venueCount: 3, avgTradeSize: 100 },
      { symbol: "BBBB", totalVolume: 1000, totalTrades: 8, venueCount: 3, avgTradeSize: 125 },
    ]);
    expect(summaries.map(computeLiquidityScore)).toEqual([300, 375]);
  });

  it("does not count a zero-activity venue row towards venueCount", () => {
    const [summary] = computeSymbolSummaries([
      venueVolume("AAAA", "MMAA", 50, 1),
      venueVolume("AAAA", "MMBB", 0, 0),
    ]);
    expect(summary?.venueCount).toBe(1);
  });

  it("sorts by code unit, not locale", () => {
    const symbols = computeSymbolSummaries([venueVolume("b", "M", 1, 1), venueVolume("B", "M", 1, 1)]).map(
      (summary) => summary.symbol,
    );
    expect(symbols).toEqual(["B", "b"]);
  });
});
