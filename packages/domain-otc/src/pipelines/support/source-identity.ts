import type { SourceFileName, Tier, WeekRule } from "@spine/finra";
import { impliedWeekOfRow, parseTier } from "@spine/finra";
import { readSourceStart, SpineError } from "@spine/platform";
import { parseVenueLine } from "../../parsing/venue-line.js";
import type { SourceHeader } from "./finra-header.js";
import { finraHeaderSpec } from "./finra-header.js";

export type { SourceHeader } from "./finra-header.js";

/** The tier-week a file covers and which rule decided it. */
export interface SourceIdentity {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly weekRule: WeekRule;
  readonly lastUpdateDate: string | null;
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

/**
 * Decides which tier-week a file covers from its header and first data row: (1) an explicit
 * week_ending, else (2) a weekStartDate/WeekEnding column, else (3) lastUpdateDate, read as a
 * publication date. Reads only the first lines of the file.
 */
export async function identifySource(
  path: string,
  explicit: { tier?: Tier | undefined; week_ending?: string | undefined },
): Promise<IdentifiedSource> {
  const { header, firstRow } = await readSourceStart(path, finraHeaderSpec);
  const row = firstRow && parseVenueLine(firstRow.fields, header.columns, firstRow.lineNumber, firstRow.line);
  if (row?.ok) {
    const tier = decideTier(path, explicit.tier, row.value.tierText);
    const lastUpdateDate = row.value.lastUpdateDate?.trim() || null;
    if (explicit.week_ending)
      return { tier, weekEnding: explicit.week_ending, weekRule: "parameter", lastUpdateDate, header };
    const week = impliedWeekOfRow(row.value, tier);
    if (!week.ok)
      throw new SpineError(
        "SOURCE",
        `${path}: cannot tell which week line ${row.value.lineNumber} covers (${week.issues.join("; ")}); pass week_ending.`,
      );
    return { tier, weekEnding: week.value.weekEnding, weekRule: week.value.rule, lastUpdateDate, header };
  }
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
 * What a file's content says about its tier-week, for files whose names say nothing: the
 * publication date is the first row's lastUpdateDate when that decided the week, as a FINRA
 * download's name would give it, else null, as for names that carry the week.
 */
export async function identifySourceContent(path: string): Promise<SourceFileName> {
  const identity = await identifySource(path, {});
  const publicationDate = identity.weekRule === "last_update_date" ? identity.lastUpdateDate : null;
  return { tier: identity.tier, weekEnding: identity.weekEnding, publicationDate };
}
