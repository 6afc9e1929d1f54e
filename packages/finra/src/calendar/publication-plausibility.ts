import type { Tier } from "../models/tier.js";
import { mondayOnOrBefore } from "./implied-week.js";
import { expectedPublicationDate } from "./publication.js";
import { isIsoDate } from "./week.js";

/**
 * Whether a file dated `lastUpdateDate` can cover a tier-week at all. FINRA first publishes a week
 * 21 (NMS Tier 1) or 35 days (NMS Tier 2, OTC) after it starts (a day later after a market
 * holiday); a file dated earlier was published before that week's data existed, so it belongs to an
 * earlier week (a misnamed file, a wrong week_ending). A later date is fine: republications carry
 * later dates. Returns a problem or null.
 */
export function implausiblePublication(
  tier: Tier,
  weekEnding: string,
  lastUpdateDate: string,
): string | null {
  if (!isIsoDate(lastUpdateDate)) return null;
  const firstPublication = expectedPublicationDate(tier, weekEnding);
  // Compared by their Mondays: a file dated the holiday Monday itself is early by a day, not a week.
  if (mondayOnOrBefore(lastUpdateDate) >= mondayOnOrBefore(firstPublication)) return null;
  return `its lastUpdateDate ${lastUpdateDate} is before ${tier} week ending ${weekEnding} was first published (${firstPublication}), so it cannot cover that week`;
}
