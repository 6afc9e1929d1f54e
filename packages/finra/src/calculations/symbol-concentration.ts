import { compareText, groupBy, sumBy, sumDecimals } from "@spine/platform/pure";
import type { VolumeRow } from "../models/venue-row.js";
import { hasActivity } from "./activity.js";

export type SymbolConcentration = {
  symbol: string;
  venueCount: number;
  /** Herfindahl-Hirschman index on the 0..1 scale; null when the symbol traded no shares. */
  hhi: number | null;
  /** Venue with the largest volume, ties by mpid ascending; null when the symbol traded no shares. */
  topMpid: string | null;
  topShare: number | null;
};

function largestVenue(rows: readonly VolumeRow[]): VolumeRow | undefined {
  const ordered = [...rows].sort(
    (left, right) => right.shareVolume - left.shareVolume || compareText(left.mpid, right.mpid),
  );
  return ordered[0];
}

function concentrationOf(symbol: string, rows: readonly VolumeRow[]): SymbolConcentration {
  const venueCount = new Set(rows.filter(hasActivity).map((row) => row.mpid)).size;
  const total = sumDecimals(rows, (row) => row.shareVolume);
  const top = largestVenue(rows);
  if (total === 0 || top === undefined) {
    return { symbol, venueCount, hhi: null, topMpid: null, topShare: null };
  }
  const hhi = sumBy(rows, (row) => (row.shareVolume / total) ** 2);
  return { symbol, venueCount, hhi, topMpid: top.mpid, topShare: top.shareVolume / total };
}

/** How concentrated each symbol's volume is across venues, sorted by symbol. */
export function computeSymbolConcentration(volumes: readonly VolumeRow[]): SymbolConcentration[] {
  return [...groupBy(volumes, (row) => row.symbol)]
    .map(([symbol, rows]) => concentrationOf(symbol, rows))
    .sort((left, right) => compareText(left.symbol, right.symbol));
}
