import type { VolumeRow } from "@spine/finra";

/** ATS detail rows from "SYMBOL MPID shares trades" lines, one per line, for calculation tests. */
export function atsVolumes(table: string): VolumeRow[] {
  return table
    .trim()
    .split("\n")
    .map((line) => {
      const [symbol = "", mpid = "", shares = "", trades = ""] = line.trim().split(/\s+/);
      return { symbol, mpid, shareVolume: Number(shares), tradeCount: Number(trades) };
    });
}

/** The detail rows of fixtures/finra-ats/edge-cases/golden-tiny.csv, hand-computed in its README. */
export const ATS_GOLDEN_WEEK: readonly VolumeRow[] = atsVolumes(`
  AAAA ZQAA 500 5
  AAAA ZQBB 300 2
  AAAA ZQCC 200 4
  BBBB ZQAA 100 1
  BBBB ZQBB 900 3
`);
