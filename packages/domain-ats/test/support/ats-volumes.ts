import type { VolumeRow } from "@spine/finra";

/** An ATS detail row for calculation tests: (symbol, ATS MPID, shares, trades). */
export function atsVolume(symbol: string, mpid: string, shareVolume: number, tradeCount: number): VolumeRow {
  return { symbol, mpid, shareVolume, tradeCount };
}

/**
 * The hand-computed ATS tier-week of fixtures/finra-ats/edge-cases/golden-tiny.csv (its detail rows):
 *   AAAA: ZQAA 500/5, ZQBB 300/2, ZQCC 200/4  -> 1000 shares
 *   BBBB: ZQAA 100/1, ZQBB 900/3              -> 1000 shares
 */
export const ATS_GOLDEN_WEEK: readonly VolumeRow[] = [
  atsVolume("AAAA", "ZQAA", 500, 5),
  atsVolume("AAAA", "ZQBB", 300, 2),
  atsVolume("AAAA", "ZQCC", 200, 4),
  atsVolume("BBBB", "ZQAA", 100, 1),
  atsVolume("BBBB", "ZQBB", 900, 3),
];
