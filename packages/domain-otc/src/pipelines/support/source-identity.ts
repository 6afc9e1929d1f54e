import { basename } from "node:path";
import type { RawVenueRow, SourceFileName, Tier, WeekRule } from "@spine/finra";
import {
  candidateWeeks,
  createPublicationDateTally,
  impliedWeekOfRow,
  parseSourceFileName,
  parseTier,
  placeByPublicationDates,
  sortedDates,
} from "@spine/finra";
import { readSourceStart, SpineError, visitSourceRows } from "@spine/platform";
import { parseVenueLine } from "../../parsing/venue-line.js";
import type { SourceHeader } from "./finra-header.js";
import { finraHeaderSpec } from "./finra-header.js";

export type { SourceHeader } from "./finra-header.js";

/** The tier-week a file covers, which rule decided it, and this revision's publication date. */
export interface SourceIdentity {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly weekRule: WeekRule;
  /** The rows' latest lastUpdateDate (or the FINRA file name's, when later): this revision's date. */
  readonly lastUpdateDate: string | null;
  /**
   * True when the rows' dates are one publication of this week: placed by them, or a FINRA-named
   * file dated like its latest row whose earliest row first published this week. Later dates are
   * then restated rows, not strays of other weeks.
   */
  readonly datesPlaceWeek?: boolean;
}

/** A file's identity together with its header, as identifySource found it. */
export interface IdentifiedSource extends SourceIdentity {
  readonly header: SourceHeader;
}

function decideTier(path: string, explicit: Tier | undefined, tierText: string | null): Tier {
  if (explicit) return explicit;
  if (tierText === null || tierText.trim() === "") {
    throw new SpineError("SOURCE", `${path}: the file has no tier column; pass the tier parameter.`);
  }
  const tier = parseTier(tierText);
  if (!tier.ok)
    throw new SpineError("SOURCE", `${path}: first row's tier is invalid: ${tier.issues.join("; ")}`);
  return tier.value;
}

// Every row's date, and whether one symbol-MPID carries two: only all rows place a republication.
async function tallyPublicationDates(path: string, header: SourceHeader) {
  const tally = createPublicationDateTally();
  const { symbol, mpid, lastUpdateDate } = header.columns;
  if (lastUpdateDate === null) return tally;
  await visitSourceRows(path, finraHeaderSpec, (fields) => {
    tally.add(`${fields[symbol]?.trim()}|${fields[mpid]?.trim()}`, fields[lastUpdateDate] ?? null);
  });
  return tally;
}

type Tally = Awaited<ReturnType<typeof tallyPublicationDates>>;

function placeByDates(path: string, tier: Tier, tally: Tally, nameDate: string | null) {
  const twice = tally.datedTwice();
  if (twice !== null) {
    const weeks = candidateWeeks(tier, tally.dates.keys()).join(", ");
    throw new SpineError(
      "SOURCE",
      `${path}: rows disagree on the week: ${twice.key} is dated ${twice.dates.join(" and ")}, two publications in one file (candidate weeks ${weeks}). Pass week_ending to load it as one week.`,
    );
  }
  const placed = placeByPublicationDates(tier, tally.dates.keys(), nameDate);
  if (!placed.ok)
    throw new SpineError("SOURCE", `${path}: cannot place the file: ${placed.issues.join("; ")}.`);
  return placed.value;
}

function latestDate(tally: Tally, nameDate: string | null): string | null {
  const latest = sortedDates(tally.dates.keys()).at(-1) ?? null;
  return nameDate !== null && (latest === null || nameDate > latest) ? nameDate : latest;
}

async function identifyRow(
  path: string,
  row: RawVenueRow,
  header: SourceHeader,
  explicit: { tier?: Tier | undefined; week_ending?: string | undefined },
): Promise<IdentifiedSource> {
  const tier = decideTier(path, explicit.tier, row.tierText);
  const tally = await tallyPublicationDates(path, header);
  const nameDate = parseSourceFileName(basename(path), "otc")?.publicationDate ?? null;
  const lastUpdateDate = latestDate(tally, nameDate);
  if (explicit.week_ending) {
    const placed =
      nameDate === lastUpdateDate ? placeByPublicationDates(tier, tally.dates.keys(), nameDate) : null;
    const datesPlaceWeek = placed?.ok === true && placed.value.weekEnding === explicit.week_ending;
    return {
      tier,
      weekEnding: explicit.week_ending,
      weekRule: "parameter",
      lastUpdateDate,
      datesPlaceWeek,
      header,
    };
  }
  if (row.weekText !== null && row.weekText.trim() !== "") {
    const week = impliedWeekOfRow(row, tier);
    if (!week.ok)
      throw new SpineError(
        "SOURCE",
        `${path}: cannot tell which week line ${row.lineNumber} covers (${week.issues.join("; ")}); pass week_ending.`,
      );
    return { tier, weekEnding: week.value.weekEnding, weekRule: "week_column", lastUpdateDate, header };
  }
  const placed = placeByDates(path, tier, tally, nameDate);
  return {
    tier,
    weekEnding: placed.weekEnding,
    weekRule: "last_update_date",
    lastUpdateDate: placed.publicationDate,
    datesPlaceWeek: true,
    header,
  };
}

/**
 * Decides which tier-week a file covers: (1) an explicit week_ending, else (2) a
 * weekStartDate/WeekEnding column, else (3) the rows' lastUpdateDates, read as publication dates:
 * the earliest places the week (see placeByPublicationDates), checked against a FINRA file name's.
 */
export async function identifySource(
  path: string,
  explicit: { tier?: Tier | undefined; week_ending?: string | undefined },
): Promise<IdentifiedSource> {
  const { header, firstRow } = await readSourceStart(path, finraHeaderSpec);
  const row = firstRow && parseVenueLine(firstRow.fields, header.columns, firstRow.lineNumber, firstRow.line);
  if (row?.ok) return identifyRow(path, row.value, header, explicit);
  if (explicit.tier && explicit.week_ending) {
    return {
      tier: explicit.tier,
      weekEnding: explicit.week_ending,
      weekRule: "parameter",
      lastUpdateDate: null,
      header,
    };
  }
  throw new SpineError(
    "SOURCE",
    `${path}: the file has a header but no parseable data rows; pass tier and week_ending to load it anyway.`,
  );
}

/**
 * What a file's content says about its tier-week: the week its rows place it in and this
 * revision's publication date (its rows' latest lastUpdateDate), for ordering revisions.
 */
export async function identifySourceContent(path: string): Promise<SourceFileName> {
  const identity = await identifySource(path, {});
  return { tier: identity.tier, weekEnding: identity.weekEnding, publicationDate: identity.lastUpdateDate };
}
