/** The ASCII unit separator between a key's fields: it cannot appear in FINRA symbols or MPIDs. */
export const RECORD_KEY_SEPARATOR = "\u001f";

/**
 * How every record key of one tier-week starts: the week and the tier, each followed by the
 * separator (the key of a line that is not a venue row is this prefix and the raw line).
 */
export function recordKeyPrefix(weekEnding: string, tier: string): string {
  return `${weekEnding}${RECORD_KEY_SEPARATOR}${tier}${RECORD_KEY_SEPARATOR}`;
}

/**
 * The natural key of a venue row: (week_ending, tier, symbol, mpid), joined by the ASCII unit
 * separator, which cannot appear in FINRA symbols or MPIDs, so distinct keys never collide.
 */
export function naturalKey(weekEnding: string, tier: string, symbol: string, mpid: string): string {
  return `${recordKeyPrefix(weekEnding, tier)}${symbol}${RECORD_KEY_SEPARATOR}${mpid}`;
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
  return `${naturalKey(row.weekEnding, row.tier, row.symbol, row.mpid)}${RECORD_KEY_SEPARATOR}${row.shareVolume}${RECORD_KEY_SEPARATOR}${row.tradeCount}`;
}
