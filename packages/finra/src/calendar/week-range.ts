import { addWeeks } from "../calendar/week.js";

/** The range a user asked for; every field is optional and combined by {@link resolveWeekRange}. */
export interface WeekRangeRequest {
  readonly startWeek?: string | undefined;
  readonly endWeek?: string | undefined;
  readonly weeksBack?: number | undefined;
}

/** Inclusive Friday week endings. */
export interface WeekRange {
  readonly start: string;
  readonly end: string;
}

/** A contradiction in a range request, reported against the parameter a user should change. */
export interface WeekRangeIssue {
  readonly parameter: "start_week" | "weeks_back";
  readonly message: string;
}

/** Contradictions in a request; empty when it can be resolved. */
export function weekRangeIssues(request: WeekRangeRequest): WeekRangeIssue[] {
  const issues: WeekRangeIssue[] = [];
  if (request.weeksBack !== undefined && request.startWeek !== undefined) {
    issues.push({
      parameter: "weeks_back",
      message: `give start_week or weeks_back, not both: weeks_back counts back from end_week (or the newest week found), start_week fixes the first week`,
    });
  }
  const { startWeek, endWeek } = request;
  if (startWeek !== undefined && endWeek !== undefined && startWeek > endWeek) {
    issues.push({
      parameter: "start_week",
      message: `start_week ${startWeek} is after end_week ${endWeek}; expected start_week on or before end_week`,
    });
  }
  return issues;
}

/**
 * Fills the bounds a request leaves open from the weeks available in the source folder: weeks_back
 * counts back from end_week or the newest week; an open start or end takes the oldest or newest.
 * Null when a bound is needed and nothing is available.
 */
export function resolveWeekRange(
  request: WeekRangeRequest,
  availableWeeks: readonly string[],
): WeekRange | null {
  const sorted = [...availableWeeks].sort();
  const end = request.endWeek ?? sorted.at(-1);
  if (end === undefined) return null;
  if (request.weeksBack !== undefined) return { start: addWeeks(end, -(request.weeksBack - 1)), end };
  const start = request.startWeek ?? sorted[0];
  return start === undefined ? null : { start, end };
}

/** True when a week ending lies inside the range. */
export function isWithinRange(weekEnding: string, range: WeekRange): boolean {
  return weekEnding >= range.start && weekEnding <= range.end;
}
