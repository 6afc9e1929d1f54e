import { describe, expect, it } from "vitest";
import { CALCULATIONS, LIQUIDITY_SCORE_VERSION, otcCalculations } from "./calculation-versions.js";
import { computeLiquidityScore, computeLiquidityScoreV2 } from "./liquidity-score.js";

// The case: a sub-penny name printing 500M shares in 14 trades on 2 venues, and a name with
// 13,608 trades of 10M shares on 20 venues.
const subPenny = { totalTrades: 14, venueCount: 2, avgTradeSize: 500_000_000 / 14 };
const active = { totalTrades: 13_608, venueCount: 20, avgTradeSize: 10_000_000 / 13_608 };

describe("unit", () => {
  it("is null when the average trade size is null", () => {
    expect(computeLiquidityScore({ avgTradeSize: null, venueCount: 4 })).toBeNull();
  });

  // 250 shares per trade x 4 venues = 1000.
  it("multiplies average trade size by venue count", () => {
    expect(computeLiquidityScore({ avgTradeSize: 250, venueCount: 4 })).toBe(1000);
  });

  it("versions every calculation", () => {
    expect(LIQUIDITY_SCORE_VERSION).toBe("v1");
    for (const calculation of Object.values(CALCULATIONS)) {
      expect(calculation.name).toMatch(/^[a-z_]+$/);
      expect(calculation.version).toMatch(/^v\d+$/);
    }
  });

  it("v1 ranks the 14-trade sub-penny name above the 13,608-trade name (kept as the seeds define it)", () => {
    expect(computeLiquidityScore(subPenny)).toBeGreaterThan(computeLiquidityScore(active) ?? 0);
  });

  it("v2 ranks by trade activity: trades x active venues", () => {
    expect(computeLiquidityScoreV2(subPenny)).toBe(28);
    expect(computeLiquidityScoreV2(active)).toBe(272_160);
    expect(computeLiquidityScoreV2({ totalTrades: 0, venueCount: 0 })).toBe(0);
  });

  it("registers both liquidity score versions, v1 current", () => {
    expect(otcCalculations.versionsOf("liquidity_score").map((version) => version.version)).toEqual([
      "v1",
      "v2",
    ]);
    expect(otcCalculations.current("liquidity_score").version).toBe("v1");
  });
});
