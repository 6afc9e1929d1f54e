import type { VolumeRow } from "../models/venue-row.js";

/**
 * A zero-activity row (0 shares, 0 trades) is valid data but means the venue did not trade the
 * symbol, so it does not count towards venue or symbol counts.
 */
export function hasActivity(volume: VolumeRow): boolean {
  return volume.shareVolume > 0 || volume.tradeCount > 0;
}
