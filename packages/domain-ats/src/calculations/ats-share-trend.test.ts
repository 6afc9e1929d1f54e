import { describe, expect, it } from "vitest";
import { computeAtsShareTrends, type WeeklyAtsShare } from "./ats-share-trend.js";

// week, ATS, shares, share of the week's ATS volume
const table = `
2025-09-05 ZQAA 600 0.6
2025-09-05 ZQBB 400 0.4
2025-09-12 ZQAA 300 0.3
2025-09-12 ZQBB 500 0.5
2025-09-12 ZQCC 200 0.2
`;

const weeks: WeeklyAtsShare[] = table
  .trim()
  .split("\n")
  .map((line) => line.split(" "))
  .map(([weekEnding = "", mpid = "", shares = "0", marketShare = "0"]) => ({
    weekEnding,
    mpid,
    shares: Number(shares),
    marketShare: Number(marketShare),
  }));

describe("unit", () => {
  it("averages each ATS's share over the weeks with data and measures its change since the first", () => {
    const trends = computeAtsShareTrends(weeks, "2025-09-12");
    expect(trends.map((trend) => trend.mpid)).toEqual(["ZQAA", "ZQBB", "ZQCC"]);
    expect(trends[0]).toMatchObject({ weeksPresent: 2, windowShares: 900 });
    expect(trends[0]?.meanShare).toBeCloseTo(0.45);
    expect(trends[0]?.shareChange).toBeCloseTo(-0.3);
    expect(trends[2]).toMatchObject({ weeksPresent: 1, meanShare: 0.1, shareChange: null });
  });

  it("gives an ATS alone in a one-week window its own share", () => {
    const [only] = computeAtsShareTrends(weeks.slice(0, 1), "2025-09-05");
    expect(only).toEqual({
      mpid: "ZQAA",
      weeksPresent: 1,
      windowShares: 600,
      meanShare: 0.6,
      shareChange: 0,
    });
  });
});
