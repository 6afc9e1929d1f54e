import { mondayOnOrBefore } from "./implied-week.js";
import { weekEndingFromLastUpdateDate } from "./publication.js";
import type { Tier } from "./tier.js";
import { parseTier } from "./tier.js";
import { isIsoDate, parseWeekEnding } from "./week.js";

/** What a source file's name says about its content. */
export interface SourceFileName {
  readonly tier: Tier;
  readonly weekEnding: string;
  /** FINRA's lastUpdateDate from the name; null for names that carry the week itself. */
  readonly publicationDate: string | null;
}

/** The file names a backfill recognises, for messages about folders with none of them. */
export const SOURCE_FILE_NAME_PATTERNS = [
  "finra_otc_weekly_{otc|tier1|tier2}_YYYYMMDD.csv (YYYYMMDD = FINRA lastUpdateDate, the publication date)",
  "{otc|tier1|tier2}_week_YYYY-MM-DD.{csv|psv|txt} (date = Friday week ending)",
] as const;

const FINRA_DOWNLOAD_NAME = /^finra_otc_weekly_(otc|tier1|tier2)_(\d{4})(\d{2})(\d{2})\.csv$/i;
const PROJECT_FIXTURE_NAME = /^(otc|tier1|tier2)_week_(\d{4}-\d{2}-\d{2})\.(csv|psv|txt)$/i;

// FINRA names carry the publication date, not the week: the week is recovered through the tier's
// publication delay. A holiday can push publication to Tuesday, so the date is floored to Monday first.
function fromFinraDownloadName(match: RegExpExecArray): SourceFileName | null {
  const tier = parseTier(match[1] ?? "");
  const publicationDate = `${match[2]}-${match[3]}-${match[4]}`;
  if (!tier.ok || !isIsoDate(publicationDate)) return null;
  const week = weekEndingFromLastUpdateDate(tier.value, mondayOnOrBefore(publicationDate));
  return week.ok ? { tier: tier.value, weekEnding: week.value, publicationDate } : null;
}

function fromProjectFixtureName(match: RegExpExecArray): SourceFileName | null {
  const tier = parseTier(match[1] ?? "");
  const week = parseWeekEnding(match[2] ?? "");
  return tier.ok && week.ok ? { tier: tier.value, weekEnding: week.value, publicationDate: null } : null;
}

/**
 * Reads the tier and week a file covers from its name alone, or null when the name is not one of
 * {@link SOURCE_FILE_NAME_PATTERNS} (or names an impossible date).
 */
export function parseSourceFileName(name: string): SourceFileName | null {
  const download = FINRA_DOWNLOAD_NAME.exec(name);
  if (download) return fromFinraDownloadName(download);
  const fixture = PROJECT_FIXTURE_NAME.exec(name);
  return fixture ? fromProjectFixtureName(fixture) : null;
}
