import { describe, expect, it } from "vitest";
import { GOLDEN_TINY, venueVolume } from "../../../../scripts/fixtures/golden-tiny-volumes.mjs";
import { computeVenueShares } from "./venue-share.js";

describe("unit", () => {
  it("gives every venue a 0 share when the tier-week traded nothing", () => {
    const shares = computeVenueShares([venueVolume("ZERO", "MMBB", 0, 0), venueVolume("ZERO", "MMAA", 0, 0)]);
    expect(shares.map((venue) => [venue.mpid, venue.marketShare, venue.rank, venue.symbolCount])).toEqual([
      ["MMAA", 0, 1, 0],
      ["MMBB", 0, 2, 0],
    ]);
  });

  it("adds fractional shares exactly: 0.1 + 0.2 shares make 0.3, not 0.30000000000000004", () => {
    const shares = computeVenueShares([
      venueVolume("AAAA", "MMAA", 0.1, 1),
      venueVolume("BBBB", "MMAA", 0.2, 1),
      venueVolume("AAAA", "MMBB", 1234.5, 2),
    ]);
    expect(shares.map((venue) => [venue.mpid, venue.totalVolume])).toEqual([
      ["MMBB", 1234.5],
      ["MMAA", 0.3],
    ]);
    expect(shares[1]?.marketShare).toBe(0.3 / 1234.8);
  });

  it("breaks volume ties by mpid ascending", () => {
    const shares = computeVenueShares([
      venueVolume("AAAA", "ZZZZ", 500, 5),
      venueVolume("AAAA", "AAAA", 500, 1),
      venueVolume("AAAA", "MMMM", 900, 9),
    ]);
    expect(shares.map((venue) => [venue.mpid, venue.rank])).toEqual([
      ["MMMM", 1],
      ["AAAA", 2],
      ["ZZZZ", 3],
    ]);
  });

  // Tier-week total 2000. MMAA 600+200 = 800 -> 0.4; MMCC 100+600 = 700 -> 0.35; MMBB 300+200 = 500 -> 0.25.
  it("computes golden market shares and ranks", () => {
    expect(computeVenueShares(GOLDEN_TINY)).toEqual([
      { mpid: "MMAA", totalVolume: 800, totalTrades: 8, symbolCount: 2, marketShare: 0.4, rank: 1 },
      { mpid: "MMCC", totalVolume: 700, totalTrades: 5, symbolCount: 2, marketShare: 0.35, rank: 2 },
      { mpid: "MMBB", totalVolume: 500, totalTrades: 5, symbolCount: 2, marketShare: 0.25, rank: 3 },
    ]);
  });
});
