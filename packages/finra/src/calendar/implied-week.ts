import type { Result } from "@spine/platform/pure";
import { fail, ok } from "@spine/platform/pure";
import type { Tier } from "../models/tier.js";
import type { RawVenueRow } from "../models/venue-row.js";
import { weekEndingFromLastUpdateDate } from "./publication.js";
import { addDays, isIsoDate, parseWeekEnding, weekdayOf } from "./week.js";

/** Which rule decided the week a file covers, recorded in the manifest metrics. */
export type WeekRule = "parameter" | "week_column" | "last_update_date";

// Publication can slip to a Tuesday after a holiday, so the date is floored to its Monday first.
export function mondayOnOrBefore(date: string): string {
  let current = date;
  while (weekdayOf(current) !== "Monday") {
    current = addDays(current, -1);
  }
  return current;
}

/**
 * The week a single row says it belongs to: its weekStartDate/WeekEnding column when present,
 * else its lastUpdateDate, which is a publication date (weekStartDate + 21 or 35 days), not the week.
 */
export function impliedWeekOfRow(
  row: Pick<RawVenueRow, "weekText" | "lastUpdateDate">,
  tier: Tier,
): Result<{ weekEnding: string; rule: Exclude<WeekRule, "parameter"> }, string> {
  if (row.weekText !== null && row.weekText.trim() !== "") {
    const week = parseWeekEnding(row.weekText.trim());
    return week.ok ? ok({ weekEnding: week.value, rule: "week_column" }) : fail(...week.issues);
  }
  const lastUpdateDate = row.lastUpdateDate?.trim() ?? "";
  if (lastUpdateDate !== "" && isIsoDate(lastUpdateDate)) {
    const week = weekEndingFromLastUpdateDate(tier, mondayOnOrBefore(lastUpdateDate));
    return week.ok ? ok({ weekEnding: week.value, rule: "last_update_date" }) : fail(...week.issues);
  }
  return fail("the row has neither a weekStartDate/WeekEnding column nor a lastUpdateDate");
}
