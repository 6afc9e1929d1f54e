import { averageTradeSize, computeVenueShares, type VenueShare, type VolumeRow } from "@spine/finra";

/** One ATS in one tier-week: its volume, share and rank among ATSs, and its average trade size. */
export type AtsMarketShare = VenueShare & {
  /** The ATS's shares per trade over all its symbols; null when it reported no trades. */
  readonly avgTradeSize: number | null;
};

/** Each ATS's market share of the tier-week's ATS volume, ranked by volume (ties by MPID), with its average
 * trade size: block-oriented ATSs stand out by size, not by share. */
export function computeAtsMarketShares(volumes: readonly VolumeRow[]): AtsMarketShare[] {
  return computeVenueShares(volumes).map((share) => ({
    ...share,
    avgTradeSize: averageTradeSize(share.totalVolume, share.totalTrades),
  }));
}
