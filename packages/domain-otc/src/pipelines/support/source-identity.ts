import { basename } from "node:path";
import type { RawVenueRow, SourceFileName, Tier, WeekRule } from "@spine/finra";
import { parseSourceFileName, parseTier, parseVenueLine, placeSourceFile } from "@spine/finra";
import { createSourceColumnReader, readSourceStart, SpineError } from "@spine/platform";
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
  /** The rows' dates are one publication of this week, so later dates are restated rows. */
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

async function identifyRow(
  path: string,
  row: RawVenueRow,
  header: SourceHeader,
  explicit: { tier?: Tier | undefined; week_ending?: string | undefined },
): Promise<IdentifiedSource> {
  const tier = decideTier(path, explicit.tier, row.tierText);
  const placed = await placeSourceFile({
    tier,
    weekEnding: explicit.week_ending,
    weekText: row.weekText,
    lineNumber: row.lineNumber,
    fileNameDate: parseSourceFileName(basename(path), "otc")?.publicationDate ?? null,
    lastUpdateDates: createSourceColumnReader(path, finraHeaderSpec, "lastUpdateDate", ["symbol", "mpid"]),
  });
  if (!placed.ok) throw new SpineError("SOURCE", `${path}: ${placed.issues.join("; ")}`);
  const { weekEnding, weekRule, publicationDate, datesPlaceWeek } = placed.value;
  return { tier, weekEnding, weekRule, lastUpdateDate: publicationDate, datesPlaceWeek, header };
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
export async function identifySourceContent(path: string): Promise<SourceFileName | null> {
  const identity = await identifySource(path, {});
  return { tier: identity.tier, weekEnding: identity.weekEnding, publicationDate: identity.lastUpdateDate };
}
