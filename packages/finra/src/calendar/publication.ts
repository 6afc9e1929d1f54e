import { fail, ok, type Result } from "@spine/platform/pure";
import type { Tier } from "../models/tier.js";
import { isUsMarketHoliday } from "./market-holidays.js";
import { addDays, isIsoDate, weekdayOf, weekEndingOfWeekStart, weekStartDateOf } from "./week.js";

// FINRA publishes NMS Tier 1 data two weeks earlier than Tier 2 / OTC data; lastUpdateDate is the
// Monday the file appeared, so recovering the trading week needs the tier's delay.
const PUBLICATION_DELAY_DAYS: Readonly<Record<Tier, number>> = {
  "NMS Tier 1": 21,
  "NMS Tier 2": 35,
  OTC: 35,
};

/** Days from a week's Monday (weekStartDate) to the Monday FINRA first publishes it: 21 or 35. */
export function publicationDelayDays(tier: Tier): number {
  return PUBLICATION_DELAY_DAYS[tier];
}

/**
 * The date FINRA first publishes a tier-week: the Monday three (NMS Tier 1) or five (NMS Tier 2,
 * OTC) weeks after weekStartDate, or the Tuesday after it when that Monday is a market holiday.
 */
export function expectedPublicationDate(tier: Tier, weekEnding: string): string {
  const monday = addDays(weekStartDateOf(weekEnding), publicationDelayDays(tier));
  return isUsMarketHoliday(monday) ? addDays(monday, 1) : monday;
}

// A Tuesday is a publication day only when the market was closed on the Monday before it.
function isPublicationWeekday(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday === "Monday" || (weekday === "Tuesday" && isUsMarketHoliday(addDays(date, -1)));
}

/**
 * The week a first publication covers: lastUpdateDate must be a Monday, or the Tuesday after a
 * market-holiday Monday; the tier's delay then leads back to the week's Monday.
 */
export function weekEndingFromLastUpdateDate(tier: Tier, lastUpdateDate: string): Result<string, string> {
  const date = lastUpdateDate.trim();
  if (!isIsoDate(date)) {
    return fail(`lastUpdateDate "${lastUpdateDate}" is not a valid date; expected format YYYY-MM-DD`);
  }
  if (!isPublicationWeekday(date)) {
    return fail(`lastUpdateDate ${date} is a ${weekdayOf(date)}; FINRA publishes on Mondays`);
  }
  const monday = weekdayOf(date) === "Monday" ? date : addDays(date, -1);
  return ok(weekEndingOfWeekStart(addDays(monday, -publicationDelayDays(tier))));
}

/**
 * The freshness declaration of a FINRA domain's tier-week partitions (the platform's ledger
 * queries): the ingest stage, due on the week's first publication date.
 */
export const tierWeekFreshness = {
  stage: "ingest",
  expectedPublication: (key: Readonly<Record<string, unknown>>) =>
    expectedPublicationDate(key.tier as Tier, String(key.week_ending)),
} as const;
