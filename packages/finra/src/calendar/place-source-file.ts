import type { Result, SourceColumnReader } from "@spine/platform/pure";
import { fail, ok } from "@spine/platform/pure";
import type { Tier } from "../models/tier.js";
import { impliedWeekOfRow, type WeekRule } from "./implied-week.js";
import { createPublicationDateTally, placeTalliedFile, revisionDate } from "./publication-date-tally.js";
import { placeByPublicationDates } from "./week-placement.js";

/** What decides a FINRA file's week besides its rows' dates. */
export interface SourcePlacementInput {
  readonly tier: Tier;
  /** An explicit week (a parameter): it wins. */
  readonly weekEnding?: string | undefined;
  /** The first row's weekStartDate/WeekEnding value, when the file has such a column. */
  readonly weekText: string | null;
  readonly lineNumber: number;
  /** The publication date a FINRA file name carries (finra_*_weekly_*_YYYYMMDD.csv), else null. */
  readonly fileNameDate: string | null;
  /** Every row's lastUpdateDate, keyed by symbol and MPID. */
  readonly lastUpdateDates: SourceColumnReader;
}

/** The tier-week a file covers, the rule that decided it, and this revision's publication date. */
export interface SourcePlacement {
  readonly weekEnding: string;
  readonly weekRule: WeekRule;
  /** The rows' latest lastUpdateDate (or the file name's, when later); null when there is none. */
  readonly publicationDate: string | null;
  /** The rows' dates are one publication of this week, so later dates are restated rows. */
  readonly datesPlaceWeek: boolean;
}

/**
 * The version of {@link placeSourceFile}'s rules: a change of them must change it, since domains
 * remember placements (the platform's createSourceFileFacts) under it.
 */
export const finraPlacementVersion = "1";

/**
 * Places a FINRA file (OTC or ATS alike): (1) an explicit week, else (2) a weekStartDate/WeekEnding
 * column, else (3) the rows' lastUpdateDates read as publication dates, the earliest placing the
 * week (placeByPublicationDates), checked against the file name's date; rows dated as two
 * publications of one key, or after the name's date, are refused with the candidate weeks named.
 * The failure reads as the end of a sentence about the file.
 */
export async function placeSourceFile(input: SourcePlacementInput): Promise<Result<SourcePlacement, string>> {
  const { tier, fileNameDate } = input;
  const tally = createPublicationDateTally();
  await input.lastUpdateDates.values((date) => tally.add(null, date));
  const publicationDate = revisionDate(tally.dates.keys(), fileNameDate);
  if (input.weekEnding) {
    const placed =
      fileNameDate === publicationDate
        ? placeByPublicationDates(tier, tally.dates.keys(), fileNameDate)
        : null;
    const datesPlaceWeek = placed?.ok === true && placed.value.weekEnding === input.weekEnding;
    return ok({ weekEnding: input.weekEnding, weekRule: "parameter", publicationDate, datesPlaceWeek });
  }
  if (input.weekText !== null && input.weekText.trim() !== "") {
    const week = impliedWeekOfRow({ weekText: input.weekText, lastUpdateDate: null }, tier);
    if (!week.ok)
      return fail(
        `cannot tell which week line ${input.lineNumber} covers (${week.issues.join("; ")}); pass week_ending.`,
      );
    return ok({
      weekEnding: week.value.weekEnding,
      weekRule: "week_column",
      publicationDate,
      datesPlaceWeek: false,
    });
  }
  // Only a file of several dates can carry a key twice, so only such a file is read again, keyed.
  const keyed = tally.dates.size > 1 ? createPublicationDateTally() : tally;
  if (keyed !== tally) await input.lastUpdateDates.keyedValues((key, date) => keyed.add(key, date));
  const placed = placeTalliedFile(tier, keyed, fileNameDate);
  if (!placed.ok) return fail(`${placed.issues.join("; ")}. Pass week_ending to load it as one week.`);
  const { weekEnding } = placed.value;
  return ok({
    weekEnding,
    weekRule: "last_update_date",
    publicationDate: placed.value.publicationDate,
    datesPlaceWeek: true,
  });
}
