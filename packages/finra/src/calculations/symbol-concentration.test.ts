import { describe, expect, it } from "vitest";
import { GOLDEN_TINY, venueVolume } from "../../../../scripts/fixtures/golden-tiny-volumes.mjs";
import { computeSymbolConcentration } from "./symbol-concentration.js";

describe("unit", () => {
  it("gives a symbol with no shares a null hhi, top venue and top share", () => {
    expect(computeSymbolConcentration([venueVolume("ZERO", "MMAA", 0, 0)])).toEqual([
      { symbol: "ZERO", venueCount: 0, hhi: null, topMpid: null, topShare: null },
    ]);
  });

  // Two venues at 400 each: hhi = 0.5^2 + 0.5^2 = 0.5; the tie goes to "MMAA" < "MMZZ".
  it("breaks a top-venue tie by mpid ascending", () => {
    const [concentration] = computeSymbolConcentration([
      venueVolume("TIED", "MMZZ", 400, 4),
      venueVolume("TIED", "MMAA", 400, 2),
    ]);
    expect(concentration).toEqual({
      symbol: "TIED",
      venueCount: 2,
      hhi: 0.5,
      topMpid: "MMAA",
      topShare: 0.5,
    });
  });

  it("gives a single-venue symbol an hhi of 1", () => {
    const [concentration] = computeSymbolConcentration([venueVolume("SOLO", "MMAA", 7, 1)]);
    expect(concentration?.hhi).toBe(1);
  });

  // AAAA: 0.6^2 + 0.3^2 + 0.1^2 = 0.36 + 0.09 + 0.01 = 0.46, top MMAA 600/1000 = 0.6.
  // BBBB: 0.2^2 + 0.2^2 + 0.6^2 = 0.04 + 0.04 + 0.36 = 0.44, top MMCC 600/1000 = 0.6.
  it("computes golden hhi and top venues", () => {
    const concentrations = computeSymbolConcentration(GOLDEN_TINY);
    expect(concentrations.map((row) => [row.symbol, row.venueCount, row.topMpid, row.topShare])).toEqual([
      ["AAAA", 3, "MMAA", 0.6],
      ["BBBB", 3, "MMCC", 0.6],
    ]);
    expect(concentrations[0]?.hhi).toBeCloseTo(0.46, 12);
    expect(concentrations[1]?.hhi).toBeCloseTo(0.44, 12);
  });
});
