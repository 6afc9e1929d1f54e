import { mondayOnOrBefore } from "../calendar/implied-week.js";
import { weekEndingFromLastUpdateDate } from "../calendar/publication.js";
import { isIsoDate, parseWeekEnding } from "../calendar/week.js";
import type { Tier } from "../models/tier.js";
import { parseTier, tierSlug } from "../models/tier.js";
import type { FinraDataset } from "./dataset.js";

/** What a source file's name says about its content. */
export interface SourceFileName {
  readonly tier: Tier;
  readonly weekEnding: string;
  /** FINRA's lastUpdateDate from the name; null for names that carry the week itself. */
  readonly publicationDate: string | null;
}

/** The file names a backfill recognises per dataset, for messages about folders with none of them. */
export const SOURCE_FILE_NAME_PATTERNS: Readonly<Record<FinraDataset, readonly string[]>> = {
  otc: [
    "finra_otc_weekly_{otc|tier1|tier2}_YYYYMMDD.csv (YYYYMMDD = FINRA lastUpdateDate, the publication date)",
    "{otc|tier1|tier2}_week_YYYY-MM-DD.{csv|psv|txt} (date = Friday week ending)",
  ],
  ats: [
    "finra_ats_weekly_{otc|tier1|tier2}_YYYYMMDD.csv (YYYYMMDD = FINRA lastUpdateDate, the publication date)",
    "ats_{otc|tier1|tier2}_week_YYYY-MM-DD.{csv|psv|txt} (date = Friday week ending)",
  ],
};

// The OTC fixture name has no prefix (it came first); ATS fixtures carry "ats_" so the two
// datasets' files never match each other's patterns.
const FIXTURE_PREFIX: Readonly<Record<FinraDataset, string>> = { otc: "", ats: "ats_" };

function downloadPattern(dataset: FinraDataset): RegExp {
  return new RegExp(`^finra_${dataset}_weekly_(otc|tier1|tier2)_(\\d{4})(\\d{2})(\\d{2})\\.csv$`, "i");
}

function fixturePattern(dataset: FinraDataset): RegExp {
  return new RegExp(
    `^${FIXTURE_PREFIX[dataset]}(otc|tier1|tier2)_week_(\\d{4}-\\d{2}-\\d{2})\\.(csv|psv|txt)$`,
    "i",
  );
}

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
 * Reads the tier and week a file of `dataset` covers from its name alone, or null when the name is
 * not one of that dataset's {@link SOURCE_FILE_NAME_PATTERNS} (or names an impossible date).
 */
export function parseSourceFileName(name: string, dataset: FinraDataset): SourceFileName | null {
  const download = downloadPattern(dataset).exec(name);
  if (download) return fromFinraDownloadName(download);
  const fixture = fixturePattern(dataset).exec(name);
  return fixture ? fromProjectFixtureName(fixture) : null;
}

/**
 * True when a file's name follows another dataset's patterns: such a file is that dataset's, and
 * must not be claimed by this one's content check (ATS and OTC downloads share one header layout).
 */
export function isNamedForAnotherDataset(name: string, dataset: FinraDataset): boolean {
  const others = (Object.keys(FIXTURE_PREFIX) as FinraDataset[]).filter((other) => other !== dataset);
  return others.some((other) => parseSourceFileName(name, other) !== null);
}

/**
 * How a source scan recognises one dataset's files (a platform `SourceIdentification`): by the
 * dataset's FINRA or fixture name, else by `identifyByContent`, which never sees a file named as
 * another dataset's.
 */
export function finraSourceIdentification(
  dataset: FinraDataset,
  identifyByContent: (path: string) => Promise<SourceFileName | null>,
): {
  identifyByName(fileName: string): SourceFileName | null;
  identifyByContent(path: string): Promise<SourceFileName | null>;
} {
  return {
    identifyByName: (fileName) => parseSourceFileName(fileName, dataset),
    identifyByContent: async (path) => {
      const fileName = path.split(/[\\/]/).at(-1) ?? path;
      return isNamedForAnotherDataset(fileName, dataset) ? null : identifyByContent(path);
    },
  };
}

/** FINRA's download name for a tier's file published on `publicationDate`. */
export function finraDownloadFileName(dataset: FinraDataset, tier: Tier, publicationDate: string): string {
  return `finra_${dataset}_weekly_${tierSlug(tier)}_${publicationDate.replaceAll("-", "")}.csv`;
}

/** The project's fixture name for a tier-week, named by its Friday week ending. */
export function fixtureFileName(dataset: FinraDataset, tier: Tier, weekEnding: string): string {
  return `${FIXTURE_PREFIX[dataset]}${tierSlug(tier)}_week_${weekEnding}.csv`;
}
