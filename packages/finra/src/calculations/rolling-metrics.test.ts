import { describe, expect, it } from "vitest";
import { computeRollingMetrics, windowWeekEndings } from "./rolling-metrics.js";

const WEEK = "2025-10-31";

describe("unit", () => {
  it("returns nothing when no week of the window has data", () => {
    const metrics = computeRollingMetrics({
      weekEnding: WEEK,
      windowWeeks: 6,
      availableWeeks: ["2025-01-03"],
      volumesBySymbol: { AAAA: [{ weekEnding: "2025-01-03", totalVolume: 5, totalTrades: 1 }] },
    });
    expect(metrics).toEqual([]);
  });

  it("handles partial history of 1 of 6 weeks without a trend", () => {
    const metrics = computeRollingMetrics({
      weekEnding: WEEK,
      windowWeeks: 6,
      availableWeeks: [WEEK],
      volumesBySymbol: new Map([["AAAA", [{ weekEnding: WEEK, totalVolume: 900, totalTrades: 3 }]]]),
    });
    expect(metrics).toEqual([
      {
        symbol: "AAAA",
        weeksAvailable: 1,
        weeksTraded: 1,
        avgVolume: 900,
        avgTrades: 3,
        minVolume: 900,
        maxVolume: 900,
        trendPct: null,
        trendDirection: "UNKNOWN",
        isComplete: false,
      },
    ]);
  });

  it("gives a null trend when the symbol is absent in the earliest available week", () => {
    const [metrics] = computeRollingMetrics({
      weekEnding: WEEK,
      windowWeeks: 2,
      availableWeeks: ["2025-10-24", WEEK],
      volumesBySymbol: { NEWW: [{ weekEnding: WEEK, totalVolume: 100, totalTrades: 1 }] },
    });
    // (0 + 100) / 2 = 50; min counts the missing week as 0.
    expect(metrics).toMatchObject({
      weeksTraded: 1,
      avgVolume: 50,
      minVolume: 0,
      trendPct: null,
      trendDirection: "UNKNOWN",
    });
  });

  // Window 2025-10-17, 10-24, 10-31, all available.
  // UPPP: 100, absent, 150 -> avg 250/3, min 0, max 150, trend (150-100)/100*100 = +50 -> UP.
  // DOWN: 100, 100, 94 -> trend -6 -> DOWN.  FLAT: 200, 200, 190 -> trend -5 (not < -5) -> FLAT.
  it("computes golden averages, extremes and trend directions over a complete window", () => {
    const week = (weekEnding: string, totalVolume: number) => ({ weekEnding, totalVolume, totalTrades: 1 });
    const metrics = computeRollingMetrics({
      weekEnding: WEEK,
      windowWeeks: 3,
      availableWeeks: ["2025-10-10", "2025-10-17", "2025-10-24", WEEK],
      volumesBySymbol: {
        UPPP: [week("2025-10-17", 100), week(WEEK, 150), week("2025-10-10", 999_999)],
        FLAT: [week("2025-10-17", 200), week("2025-10-24", 200), week(WEEK, 190)],
        DOWN: [week("2025-10-17", 100), week("2025-10-24", 100), week(WEEK, 94)],
      },
    });
    expect(metrics.map((row) => [row.symbol, row.trendPct, row.trendDirection, row.isComplete])).toEqual([
      ["DOWN", -6, "DOWN", true],
      ["FLAT", -5, "FLAT", true],
      ["UPPP", 50, "UP", true],
    ]);
    expect(metrics[2]).toMatchObject({
      weeksAvailable: 3,
      weeksTraded: 2,
      minVolume: 0,
      maxVolume: 150,
      avgTrades: 2 / 3,
    });
    expect(metrics[2]?.avgVolume).toBeCloseTo(250 / 3, 12);
  });

  it("lists the window's Fridays ascending", () => {
    expect(windowWeekEndings(WEEK, 3)).toEqual(["2025-10-17", "2025-10-24", "2025-10-31"]);
    expect(windowWeekEndings(WEEK, 0)).toEqual([]);
  });
});
