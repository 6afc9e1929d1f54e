import { compareText, groupBy, sumBy, sumDecimals } from "@spine/platform/pure";
import type { VolumeRow } from "../models/venue-row.js";
import { hasActivity } from "./activity.js";

export type VenueShare = {
  mpid: string;
  totalVolume: number;
  totalTrades: number;
  /** Symbols the venue traded; zero-activity rows are not counted. */
  symbolCount: number;
  /** Venue volume / tier-week volume; 0 when the tier-week traded nothing. */
  marketShare: number;
  /** 1 = largest volume; ties broken by mpid ascending so ranks are unique and stable. */
  rank: number;
};

/** Per-venue market share for one tier-week, ordered by rank. */
export function computeVenueShares(volumes: readonly VolumeRow[]): VenueShare[] {
  const tierWeekVolume = sumDecimals(volumes, (row) => row.shareVolume);
  const unranked = [...groupBy(volumes, (row) => row.mpid)].map(([mpid, rows]) => {
    const totalVolume = sumDecimals(rows, (row) => row.shareVolume);
    return {
      mpid,
      totalVolume,
      totalTrades: sumBy(rows, (row) => row.tradeCount),
      symbolCount: new Set(rows.filter(hasActivity).map((row) => row.symbol)).size,
      marketShare: tierWeekVolume === 0 ? 0 : totalVolume / tierWeekVolume,
    };
  });
  unranked.sort((left, right) => right.totalVolume - left.totalVolume || compareText(left.mpid, right.mpid));
  return unranked.map((venue, index) => ({ ...venue, rank: index + 1 }));
}
