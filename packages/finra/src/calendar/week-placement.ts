import type { Result } from "@spine/platform/pure";
import { fail, ok } from "@spine/platform/pure";
import type { Tier } from "../models/tier.js";
import { mondayOnOrBefore } from "./implied-week.js";
import { expectedPublicationDate, weekEndingFromLastUpdateDate } from "./publication.js";
import { isIsoDate } from "./week.js";

/** Where the lastUpdateDates of a file's rows place it, and the dates that decided it. */
export interface DatePlacement {
  readonly weekEnding: string;
  /** The earliest date: the week's first publication, which unrestated rows keep. */
  readonly firstPublication: string;
  /** The latest date (or the FINRA file name's, when later): this revision's publication date. */
  readonly publicationDate: string;
}

/** The distinct valid dates among `dates`, ascending. */
export function sortedDates(dates: Iterable<string>): string[] {
  return [...new Set([...dates].map((date) => date.trim()).filter(isIsoDate))].sort();
}

/** The weeks each date would be the first publication of, distinct and ascending, for messages. */
export function candidateWeeks(tier: Tier, dates: Iterable<string>): string[] {
  const weeks = sortedDates(dates).flatMap((date) => {
    const week = weekEndingFromLastUpdateDate(tier, mondayOnOrBefore(date));
    return week.ok ? [week.value] : [];
  });
  return [...new Set(weeks)].sort();
}

/**
 * Places a file by its rows' lastUpdateDates. FINRA moves a row's date only when it restates the
 * row, so the earliest date is the week's first publication (it places the week) and the latest is
 * this revision's. A FINRA file name carries the publication date: rows dated after it cannot be in
 * it, so the file is refused with the candidate weeks named.
 */
export function placeByPublicationDates(
  tier: Tier,
  dates: Iterable<string>,
  fileNameDate: string | null,
): Result<DatePlacement, string> {
  const sorted = sortedDates(dates);
  const earliest = sorted[0] ?? fileNameDate;
  const latest = sorted.at(-1) ?? fileNameDate;
  if (earliest === null || latest === null) return fail("the rows carry no lastUpdateDate");
  if (fileNameDate !== null && fileNameDate < latest) {
    const weeks = candidateWeeks(tier, [...sorted, fileNameDate]).join(", ");
    return fail(
      `the file name's date ${fileNameDate} is before rows dated ${latest}, which it cannot hold; candidate weeks ${weeks}`,
    );
  }
  const week = weekEndingFromLastUpdateDate(tier, mondayOnOrBefore(earliest));
  if (!week.ok) return fail(...week.issues);
  const publicationDate = fileNameDate !== null && fileNameDate > latest ? fileNameDate : latest;
  return ok({ weekEnding: week.value, firstPublication: earliest, publicationDate });
}

/**
 * Whether rows dated `dates` fit a week chosen otherwise (a parameter or a week column): none may
 * be dated before FINRA first published that week. Returns the problem, naming the candidate weeks
 * the dates point to, or null.
 */
export function datesOutsideWeek(tier: Tier, weekEnding: string, dates: Iterable<string>): string | null {
  const sorted = sortedDates(dates);
  const earliest = sorted[0];
  if (earliest === undefined) return null;
  const firstPublication = expectedPublicationDate(tier, weekEnding);
  // Compared by their Mondays: a file dated the holiday Monday itself is early by a day, not a week.
  if (mondayOnOrBefore(earliest) >= mondayOnOrBefore(firstPublication)) return null;
  const weeks = candidateWeeks(tier, sorted).join(", ");
  return `rows dated ${earliest} were published before ${tier} week ending ${weekEnding} was first published (${firstPublication}); candidate weeks by the rows' dates: ${weeks}`;
}

/** A publication date after today cannot be FINRA's: the problem, or null. */
export function futurePublication(publicationDate: string | null, today: string): string | null {
  if (publicationDate === null || publicationDate <= today) return null;
  return `publication date ${publicationDate} is after today (${today}); FINRA cannot have published it yet`;
}
