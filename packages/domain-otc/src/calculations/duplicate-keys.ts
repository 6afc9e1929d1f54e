export type KeyedLine = { symbol: string; mpid: string; lineNumber: number };

export type DuplicateKeyTracker = {
  /** Records the key and reports whether it was already seen (first occurrence returns false). */
  isDuplicate(symbol: string, mpid: string): boolean;
};

/**
 * Streaming form for the pipeline: only keys are held, never rows. Keys are per partition, so
 * (symbol, mpid) is enough; the week and tier are fixed by the partition.
 */
export function createDuplicateKeyTracker(): DuplicateKeyTracker {
  const seen = new Set<string>();
  return {
    isDuplicate(symbol: string, mpid: string): boolean {
      const key = `${symbol}\u001f${mpid}`;
      if (seen.has(key)) {
        return true;
      }
      seen.add(key);
      return false;
    },
  };
}

/** Line numbers of the second and later occurrences of each (symbol, mpid); the first is kept. */
export function findDuplicateKeys(rows: readonly KeyedLine[]): number[] {
  const tracker = createDuplicateKeyTracker();
  return rows.filter((row) => tracker.isDuplicate(row.symbol, row.mpid)).map((row) => row.lineNumber);
}
