const FIELD_SEPARATOR = "\u001f";

/**
 * The natural key of a venue row: (week_ending, tier, symbol, mpid), joined by the ASCII unit
 * separator, which cannot appear in FINRA symbols or MPIDs, so distinct keys never collide.
 */
export function naturalKey(weekEnding: string, tier: string, symbol: string, mpid: string): string {
  return `${weekEnding}${FIELD_SEPARATOR}${tier}${FIELD_SEPARATOR}${symbol}${FIELD_SEPARATOR}${mpid}`;
}

export type CanonicalRecordFields = {
  weekEnding: string;
  tier: string;
  symbol: string;
  mpid: string;
  shareVolume: number | string;
  tradeCount: number | string;
};

/**
 * Deterministic text the pipeline hashes (sha256) to detect changed records between loads.
 * Field order is fixed: weekEnding, tier, symbol, mpid, shareVolume, tradeCount. Changing it
 * changes every hash, so treat it as a versioned format.
 */
export function canonicalRecordKey(row: CanonicalRecordFields): string {
  // A template rather than an array join: this runs once per ingested row.
  return `${naturalKey(row.weekEnding, row.tier, row.symbol, row.mpid)}${FIELD_SEPARATOR}${row.shareVolume}${FIELD_SEPARATOR}${row.tradeCount}`;
}
