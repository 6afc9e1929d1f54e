import { describe, expect, it } from "vitest";
import { ATS_GOLDEN_WEEK, atsVolumes } from "../../test/support/ats-volumes.js";
import { computeAtsMarketShares } from "./ats-market-share.js";

describe("unit", () => {
  // ATS volume 2000: ZQBB 300+900 = 1200 (0.6), ZQAA 500+100 = 600 (0.3), ZQCC 200 (0.1).
  // Average trade size: ZQBB 1200/5 = 240, ZQAA 600/6 = 100, ZQCC 200/4 = 50.
  it("ranks each ATS by volume with its share and average trade size", () => {
    expect(computeAtsMarketShares(ATS_GOLDEN_WEEK)).toEqual([
      {
        mpid: "ZQBB",
        totalVolume: 1200,
        totalTrades: 5,
        symbolCount: 2,
        marketShare: 0.6,
        rank: 1,
        avgTradeSize: 240,
      },
      {
        mpid: "ZQAA",
        totalVolume: 600,
        totalTrades: 6,
        symbolCount: 2,
        marketShare: 0.3,
        rank: 2,
        avgTradeSize: 100,
      },
      {
        mpid: "ZQCC",
        totalVolume: 200,
        totalTrades: 4,
        symbolCount: 1,
        marketShare: 0.1,
        rank: 3,
        avgTradeSize: 50,
      },
    ]);
  });

  it("gives an ATS without trades a null average trade size and breaks ties by MPID", () => {
    const shares = computeAtsMarketShares(atsVolumes("CCCC ZQZZ 0 0\nCCCC ZQAB 0 0"));
    expect(shares.map((share) => [share.mpid, share.rank, share.marketShare, share.avgTradeSize])).toEqual([
      ["ZQAB", 1, 0, null],
      ["ZQZZ", 2, 0, null],
    ]);
  });
});
