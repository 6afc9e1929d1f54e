import type { VenueVolume } from "../../src/models/venue-row.js";

/** Builds a VenueVolume for calculation tests; descriptive fields do not affect any metric. */
export function venueVolume(
  symbol: string,
  mpid: string,
  shareVolume: number,
  tradeCount: number,
): VenueVolume {
  return {
    symbol,
    issueName: null,
    mpid,
    marketParticipantName: null,
    shareVolume,
    tradeCount,
    avgTradeSize: tradeCount === 0 ? null : shareVolume / tradeCount,
  };
}

/**
 * Golden tier-week: 3 venues x 2 symbols (also in fixtures/finra-otc/edge-cases/golden-tiny.csv).
 *   AAAA: MMAA 600/6, MMBB 300/3, MMCC 100/1  -> 1000 shares, 10 trades
 *   BBBB: MMAA 200/2, MMBB 200/2, MMCC 600/4  -> 1000 shares, 8 trades
 */
export const GOLDEN_TINY: readonly VenueVolume[] = [
  venueVolume("AAAA", "MMAA", 600, 6),
  venueVolume("AAAA", "MMBB", 300, 3),
  venueVolume("AAAA", "MMCC", 100, 1),
  venueVolume("BBBB", "MMAA", 200, 2),
  venueVolume("BBBB", "MMBB", 200, 2),
  venueVolume("BBBB", "MMCC", 600, 4),
];
