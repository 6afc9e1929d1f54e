/** A row key that carries two lastUpdateDates in one file: two publications, not one. */
export interface DatedTwice {
  readonly key: string;
  readonly dates: readonly [string, string];
}

/** What {@link createPublicationDateTally} saw: rows per date, and the first key dated twice. */
export interface PublicationDateTally {
  add(key: string, date: string | null): void;
  readonly dates: ReadonlyMap<string, number>;
  datedTwice(): DatedTwice | null;
}

/**
 * Counts a file's rows per lastUpdateDate and notices a key (symbol and MPID) dated twice. A
 * republication restates a row by replacing it, so one key under two dates means the file holds
 * two publications (two weeks, or a week and its revision) and cannot be placed as one.
 */
export function createPublicationDateTally(): PublicationDateTally {
  const dates = new Map<string, number>();
  const dateOfKey = new Map<string, string>();
  let twice: DatedTwice | null = null;
  return {
    dates,
    add(key, date) {
      const trimmed = date?.trim() ?? "";
      if (trimmed === "") return;
      dates.set(trimmed, (dates.get(trimmed) ?? 0) + 1);
      const previous = dateOfKey.get(key);
      if (previous === undefined) dateOfKey.set(key, trimmed);
      else if (previous !== trimmed && twice === null) twice = { key, dates: [previous, trimmed] };
    },
    datedTwice: () => twice,
  };
}
