import { fail, ok, type Result } from "@spine/platform/pure";
import { z } from "zod";

export type Weekday = "Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday";

// Index matches Date.prototype.getUTCDay so the two never drift apart.
const WEEKDAYS: readonly Weekday[] = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLISECONDS_PER_DAY = 86_400_000;
const DAYS_FROM_MONDAY_TO_FRIDAY = 4;

/** Returns the UTC midnight epoch milliseconds for a real calendar date, or null. */
export function isoDateToEpochDay(date: string): number | null {
  const match = ISO_DATE_PATTERN.exec(date);
  if (match === null) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const epoch = Date.UTC(year, month - 1, day);
  // Date.UTC silently rolls 2025-02-30 into March; a round trip exposes that.
  if (epochToIsoDate(epoch) !== date) {
    return null;
  }
  return epoch / MILLISECONDS_PER_DAY;
}

function epochToIsoDate(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().slice(0, 10);
}

// Helpers below operate on dates the caller already validated; a malformed date here is a bug.
function requireEpochDay(date: string): number {
  const epochDay = isoDateToEpochDay(date);
  if (epochDay === null) {
    throw new RangeError(`"${date}" is not a valid date in format YYYY-MM-DD`);
  }
  return epochDay;
}

export function isIsoDate(date: string): boolean {
  return isoDateToEpochDay(date) !== null;
}

export function addDays(date: string, days: number): string {
  return epochToIsoDate((requireEpochDay(date) + days) * MILLISECONDS_PER_DAY);
}

export function addWeeks(weekEnding: string, weeks: number): string {
  return addDays(weekEnding, weeks * 7);
}

export function weekdayOf(date: string): Weekday {
  const dayIndex = new Date(requireEpochDay(date) * MILLISECONDS_PER_DAY).getUTCDay();
  return WEEKDAYS[dayIndex] ?? "Sunday";
}

export function weekStartDateOf(weekEnding: string): string {
  return addDays(weekEnding, -DAYS_FROM_MONDAY_TO_FRIDAY);
}

export function weekEndingOfWeekStart(weekStartDate: string): string {
  return addDays(weekStartDate, DAYS_FROM_MONDAY_TO_FRIDAY);
}

/** Fridays from the first Friday on or after start through end, ascending. */
export function weekEndingsBetween(start: string, end: string): string[] {
  let current = start;
  while (weekdayOf(current) !== "Friday") {
    current = addDays(current, 1);
  }
  const endEpochDay = requireEpochDay(end);
  const weekEndings: string[] = [];
  while (requireEpochDay(current) <= endEpochDay) {
    weekEndings.push(current);
    current = addWeeks(current, 1);
  }
  return weekEndings;
}

function isWeekAnchor(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === "Monday" || weekday === "Friday";
}

function nearestAnchor(date: string, step: 1 | -1): string {
  let current = addDays(date, step);
  while (!isWeekAnchor(current)) {
    current = addDays(current, step);
  }
  return current;
}

/**
 * Accepts the Friday week_ending or FINRA's Monday weekStartDate for the same week, so users can
 * paste either; anything else is rejected with the nearest anchors to make the fix obvious.
 */
export function parseWeekEnding(input: string): Result<string, string> {
  const date = input.trim();
  if (!isIsoDate(date)) {
    return fail(`"${input}" is not a valid date; expected format YYYY-MM-DD`);
  }
  const weekday = weekdayOf(date);
  if (weekday === "Friday") {
    return ok(date);
  }
  if (weekday === "Monday") {
    return ok(weekEndingOfWeekStart(date));
  }
  const before = nearestAnchor(date, -1);
  const after = nearestAnchor(date, 1);
  return fail(
    `${date} is a ${weekday}; expected a Friday week_ending or a Monday weekStartDate: ` +
      `nearest are ${before} (${weekdayOf(before)}) and ${after} (${weekdayOf(after)})`,
  );
}

export const weekEndingSchema = z.string().transform((input, context): string => {
  const parsed = parseWeekEnding(input);
  if (parsed.ok) {
    return parsed.value;
  }
  for (const message of parsed.issues) {
    context.addIssue({ code: "custom", message });
  }
  return z.NEVER;
});
