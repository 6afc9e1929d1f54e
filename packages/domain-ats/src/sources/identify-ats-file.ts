import { basename } from "node:path";
import {
  finraSourceIdentification,
  parseSourceFileName,
  parseTier,
  placeSourceFile,
  type SourceFileName,
  type SourcePlacement,
  type Tier,
} from "@spine/finra";
import { createSourceColumnReader, readSourceStart, SpineError } from "@spine/platform";
import { atsHeader, fieldAt } from "./ats-header.js";

/** What the caller already knows about a file; anything left out is read from the file. */
export interface KnownTierWeek {
  readonly tier?: Tier | undefined;
  readonly week_ending?: string | undefined;
}

/** An ATS file's tier-week and publication date, placed as for OTC (placeSourceFile). */
export type AtsPlacement = SourcePlacement & { readonly tier: Tier };

function refuse(path: string, why: string): never {
  throw new SpineError("SOURCE", `${path}: ${why}; pass tier and week_ending to load it anyway.`);
}

/** The tier from the parameters, the ATS file name or the first row's tier column. */
function tierOf(path: string, known: Tier | undefined, tierText: string | null): Tier {
  const tier = known ?? (tierText === null ? null : parseTier(tierText));
  if (tier === null) return refuse(path, "the file has no tier column");
  if (typeof tier === "object" && !tier.ok) return refuse(path, tier.issues.join("; "));
  return typeof tier === "object" ? tier.value : tier;
}

/** Places an ATS file by FINRA's rules shared with OTC: the week from the parameters (or a project
 * fixture name), a weekStartDate column, else the rows' lastUpdateDates checked against a FINRA name. */
export async function placeAtsFile(path: string, known: KnownTierWeek = {}): Promise<AtsPlacement> {
  const { header, firstRow } = await readSourceStart(path, atsHeader);
  const named = parseSourceFileName(basename(path), "ats");
  const week = known.week_ending ?? (named?.publicationDate === null ? named.weekEnding : undefined);
  if (firstRow === null && !(known.tier && week))
    return refuse(path, "no complete data row follows the header");
  const at = (position: number | null) => (firstRow && fieldAt(firstRow.fields, position)?.trim()) || null;
  const tier = tierOf(path, known.tier ?? named?.tier, at(header.columns.tier));
  const placed = await placeSourceFile({
    tier,
    weekEnding: week,
    weekText: at(header.columns.week),
    lineNumber: firstRow?.lineNumber ?? 0,
    fileNameDate: named?.publicationDate ?? null,
    lastUpdateDates: createSourceColumnReader(path, atsHeader, "published", ["symbol", "mpid"]),
  });
  return placed.ok ? { tier, ...placed.value } : refuse(path, placed.issues.join("; "));
}

/** What a file's content says about its tier-week and publication date, for a folder scan. */
export const atsFileContent = (path: string): Promise<SourceFileName> => placeAtsFile(path);

/** How a source scan recognises ATS files: by an ATS file name, or by what the header and rows say. */
export const atsFiles = finraSourceIdentification("ats", atsFileContent);
