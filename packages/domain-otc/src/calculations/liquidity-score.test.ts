import { describe, expect, it } from "vitest";
import { CALCULATIONS, LIQUIDITY_SCORE_VERSION } from "./calculation-versions.js";
import { computeLiquidityScore } from "./liquidity-score.js";

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
});
