import { describe, expect, it } from "vitest";
import { ATS_GOLDEN_WEEK, atsVolumes } from "../../test/support/ats-volumes.js";
import { computeAtsConcentration } from "./ats-concentration.js";

describe("unit", () => {
  // AAAA: 0.5^2 + 0.3^2 + 0.2^2 = 0.25 + 0.09 + 0.04 = 0.38, top ZQAA 0.5.
  // BBBB: 0.1^2 + 0.9^2 = 0.01 + 0.81 = 0.82, top ZQBB 0.9.
  it("computes each symbol's ATS HHI and top ATS", () => {
    const concentration = computeAtsConcentration(ATS_GOLDEN_WEEK);
    expect(concentration.map((row) => [row.symbol, row.atsCount, row.topAtsMpid, row.topAtsShare])).toEqual([
      ["AAAA", 3, "ZQAA", 0.5],
      ["BBBB", 2, "ZQBB", 0.9],
    ]);
    expect(concentration[0]?.hhi).toBeCloseTo(0.38, 12);
    expect(concentration[1]?.hhi).toBeCloseTo(0.82, 12);
  });

  it("leaves a symbol no ATS traded without an HHI and does not count idle ATSs", () => {
    expect(computeAtsConcentration(atsVolumes("IDLE ZQAA 0 0"))).toEqual([
      { symbol: "IDLE", atsCount: 0, hhi: null, topAtsMpid: null, topAtsShare: null },
    ]);
  });
});
