import type { Result } from "@spine/platform/pure";
import { fail } from "@spine/platform/pure";
import type { Tier } from "../models/tier.js";
import type { DatePlacement } from "./week-placement.js";
import { candidateWeeks, placeByPublicationDates, sortedDates } from "./week-placement.js";

/** A row key that carries two lastUpdateDates in one file: two publications, not one. */
export interface DatedTwice {
  readonly key: string;
  readonly dates: readonly [string, string];
}

/** What {@link createPublicationDateTally} saw: rows per date, and the first key dated twice. */
export interface PublicationDateTally {
  /** Counts a row's date; a null key leaves the row out of the dated-twice check (see datedTwice). */
  add(key: string | null, date: string | null): void;
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
      if (key === null) return;
      const previous = dateOfKey.get(key);
      if (previous === undefined) dateOfKey.set(key, trimmed);
      else if (previous !== trimmed && twice === null) twice = { key, dates: [previous, trimmed] };
    },
    datedTwice: () => twice,
  };
}

/**
 * Places a whole file by its tally (see placeByPublicationDates), refusing a file in which one key
 * is dated twice, with the candidate weeks named.
 */
export function placeTalliedFile(
  tier: Tier,
  tally: PublicationDateTally,
  fileNameDate: string | null,
): Result<DatePlacement, string> {
  const twice = tally.datedTwice();
  if (twice === null) return placeByPublicationDates(tier, tally.dates.keys(), fileNameDate);
  const weeks = candidateWeeks(tier, tally.dates.keys()).join(", ");
  return fail(
    `rows disagree on the week: ${twice.key} is dated ${twice.dates.join(" and ")}, two publications in one file (candidate weeks ${weeks})`,
  );
}

/** This revision's publication date: the latest row date, or the FINRA file name's when later. */
export function revisionDate(dates: Iterable<string>, fileNameDate: string | null): string | null {
  const latest = sortedDates(dates).at(-1) ?? null;
  return fileNameDate !== null && (latest === null || fileNameDate > latest) ? fileNameDate : latest;
}
