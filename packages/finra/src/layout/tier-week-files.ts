import { compareText } from "@spine/platform/pure";
import type { WeekRange } from "../calendar/week-range.js";
import { isWithinRange } from "../calendar/week-range.js";
import type { Tier } from "../models/tier.js";
import { TIERS } from "../models/tier.js";
import type { SourceFileName } from "./source-file-name.js";

/** A recognised file in a source folder: what its name (or content) says, and where it is. */
export interface SourceFile extends SourceFileName {
  readonly fileName: string;
  readonly path: string;
}

/** One tier-week to load and its files, oldest publication first (a republication comes later). */
export interface TierWeekWork {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly files: readonly SourceFile[];
}

// A file without a publication date in its name cannot be newer than a dated republication we know
// of, so it goes first; the name breaks remaining ties to keep runs reproducible.
function compareSourceFiles(left: SourceFile, right: SourceFile): number {
  const byPublication = compareText(left.publicationDate ?? "", right.publicationDate ?? "");
  return byPublication !== 0 ? byPublication : compareText(left.fileName, right.fileName);
}

/** The tier-weeks inside the range for the chosen tiers, ascending by week and then tier. */
export function groupTierWeeks(
  files: readonly SourceFile[],
  tiers: readonly Tier[],
  range: WeekRange,
): TierWeekWork[] {
  const groups = new Map<string, SourceFile[]>();
  for (const file of files) {
    if (!tiers.includes(file.tier) || !isWithinRange(file.weekEnding, range)) continue;
    const key = `${file.weekEnding}|${TIERS.indexOf(file.tier)}`;
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  return [...groups.entries()]
    .sort(([left], [right]) => compareText(left, right))
    .flatMap(([, group]) => {
      const sorted = [...group].sort(compareSourceFiles);
      const first = sorted[0];
      return first ? [{ tier: first.tier, weekEnding: first.weekEnding, files: sorted }] : [];
    });
}

/** Weeks of the chosen tiers that the folder holds files for, for resolving open range bounds. */
export function availableWeeks(files: readonly SourceFile[], tiers: readonly Tier[]): string[] {
  return [
    ...new Set(files.filter((file) => tiers.includes(file.tier)).map((file) => file.weekEnding)),
  ].sort();
}

/** Each tier-week as a backfill partition: its key, and each file as one input of its ingest. */
export function tierWeekPartitions(works: readonly TierWeekWork[]) {
  return works.map((work) => ({
    key: { tier: work.tier, week_ending: work.weekEnding },
    inputs: work.files.map((file) => ({ label: file.fileName, params: { file_path: file.path } })),
  }));
}
