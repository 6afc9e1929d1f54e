/** Counts values into a map by runs (see {@link createRunCounter}). */
export interface RunCounter {
  /** Counts one occurrence of `value`. */
  count(value: string | null): void;
  /** Adds the current run to the map: call it before reading the map (at the end of every batch, say). */
  flush(): void;
}

/**
 * Counts how often each value occurs in a stream where values come in long runs (a file's
 * publication date, say): a run costs one map update instead of one per value. Values are counted
 * trimmed; NULL and blank values are not counted.
 */
export function createRunCounter(counts: Map<string, number>): RunCounter {
  let runValue: string | null = null;
  let runLength = 0;
  const flush = (): void => {
    const trimmed = runValue?.trim();
    if (trimmed) counts.set(trimmed, (counts.get(trimmed) ?? 0) + runLength);
    runLength = 0;
  };
  const count = (value: string | null): void => {
    if (value !== runValue) {
      flush();
      runValue = value;
    }
    runLength += 1;
  };
  return { count, flush };
}

/** The key with the largest count; ties go to the larger key (the later date). Undefined for an empty map. */
export function mostFrequentKey(counts: ReadonlyMap<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of counts) {
    if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && entry[0] > best[0]))
      best = entry;
  }
  return best?.[0];
}
