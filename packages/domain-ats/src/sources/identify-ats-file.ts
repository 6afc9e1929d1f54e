import { basename } from "node:path";
import {
  finraSourceIdentification,
  impliedWeekOfRow,
  parseSourceFileName,
  parseTier,
  type SourceFileName,
  type Tier,
} from "@spine/finra";
import { readSourceStart, SpineError } from "@spine/platform";
import { atsHeader, fieldAt } from "./ats-header.js";

/** What the caller already knows about a file; anything left out is read from the file. */
export interface KnownTierWeek {
  readonly tier?: Tier | undefined;
  readonly week_ending?: string | undefined;
}

function refuse(path: string, why: string): never {
  throw new SpineError("SOURCE", `${path}: ${why}; pass tier and week_ending to load it anyway.`);
}

/** Reads the tier-week of an ATS file from its header and first complete row: the tier column (tierDescription
 * or the API's tierIdentifier), then weekStartDate, else lastUpdateDate read back through the tier's
 * publication delay (the Tuesday after a holiday Monday counts as that Monday). */
export async function readTierWeekOf(path: string, known: KnownTierWeek = {}): Promise<SourceFileName> {
  const { header, firstRow } = await readSourceStart(path, atsHeader);
  if (firstRow === null) {
    if (known.tier && known.week_ending)
      return { tier: known.tier, weekEnding: known.week_ending, publicationDate: null };
    return refuse(path, "no complete data row follows the header");
  }
  const at = (position: number | null) => fieldAt(firstRow.fields, position)?.trim() || null;
  const tierText = at(header.columns.tier);
  const tier = known.tier ?? (tierText === null ? null : parseTier(tierText));
  if (tier === null) return refuse(path, "the file has no tier column");
  if (typeof tier === "object" && !tier.ok) return refuse(path, tier.issues.join("; "));
  const fileTier = typeof tier === "object" ? tier.value : tier;
  const published = at(header.columns.published);
  if (known.week_ending) return { tier: fileTier, weekEnding: known.week_ending, publicationDate: published };
  const week = impliedWeekOfRow({ weekText: at(header.columns.week), lastUpdateDate: published }, fileTier);
  if (!week.ok) return refuse(path, `line ${firstRow.lineNumber}: ${week.issues.join("; ")}`);
  return { tier: fileTier, weekEnding: week.value.weekEnding, publicationDate: published };
}

/** A file's tier-week: the parameters first, then its ATS file name, then its content. The publication date
 * (the capture's knowable date) comes from the name, else from the rows' lastUpdateDate. */
export async function tierWeekOfFile(path: string, known: KnownTierWeek): Promise<SourceFileName> {
  const named = parseSourceFileName(basename(path), "ats");
  const byName = named !== null && (known.tier ?? named.tier) === named.tier && !known.week_ending;
  const placed = byName ? { tier: named.tier, week_ending: named.weekEnding } : known;
  const found = await readTierWeekOf(path, placed.tier && placed.week_ending ? placed : known);
  return { ...found, publicationDate: named?.publicationDate ?? found.publicationDate };
}

/** How a source scan recognises ATS files: by an ATS file name, or by what the header and first row say. */
export const atsFiles = finraSourceIdentification("ats", (path) => readTierWeekOf(path));
