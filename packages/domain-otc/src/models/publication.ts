import { fail, ok, type Result } from "@spine/platform/pure";
import type { Tier } from "./tier.js";
import { addDays, isIsoDate, weekdayOf, weekEndingOfWeekStart, weekStartDateOf } from "./week.js";

// FINRA publishes NMS Tier 1 data two weeks later than Tier 2 / OTC data; lastUpdateDate is the
// Monday the file appeared, so recovering the trading week needs the tier's delay.
const PUBLICATION_DELAY_DAYS: Readonly<Record<Tier, number>> = {
  "NMS Tier 1": 21,
  "NMS Tier 2": 35,
  OTC: 35,
};

export function publicationDelayDays(tier: Tier): number {
  return PUBLICATION_DELAY_DAYS[tier];
}

export function expectedPublicationDate(tier: Tier, weekEnding: string): string {
  return addDays(weekStartDateOf(weekEnding), publicationDelayDays(tier));
}

export function weekEndingFromLastUpdateDate(tier: Tier, lastUpdateDate: string): Result<string, string> {
  const date = lastUpdateDate.trim();
  if (!isIsoDate(date)) {
    return fail(`lastUpdateDate "${lastUpdateDate}" is not a valid date; expected format YYYY-MM-DD`);
  }
  const weekday = weekdayOf(date);
  if (weekday !== "Monday") {
    return fail(`lastUpdateDate ${date} is a ${weekday}; FINRA publishes on Mondays`);
  }
  return ok(weekEndingOfWeekStart(addDays(date, -publicationDelayDays(tier))));
}
