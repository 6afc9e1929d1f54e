import type { SourceFileName, Tier, WeekRange } from "@spine/finra";
import { compareText, isWithinRange, TIERS } from "@spine/finra";

/** A recognised file in the source folder. */
export interface SourceFile extends SourceFileName {
  readonly fileName: string;
  readonly path: string;
}

/** One tier-week to backfill and its files, oldest publication first. */
export interface TierWeekWork {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly files: readonly SourceFile[];
}

/** The stages a backfill drives, in workflow order. */
export const BACKFILL_STAGES = ["ingest", "normalize", "aggregate", "rolling", "snapshot"] as const;

export type BackfillStage = (typeof BACKFILL_STAGES)[number];

/** The child pipeline that runs each stage. */
export const STAGE_PIPELINES: Readonly<Record<BackfillStage, string>> = {
  ingest: "otc.ingest_week",
  normalize: "otc.normalize_week",
  aggregate: "otc.aggregate_week",
  rolling: "otc.compute_rolling",
  snapshot: "otc.research_snapshot_week",
};

/** One child submission of a backfill. */
export interface BackfillStep {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly stage: BackfillStage;
  readonly pipeline: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The ingested file's name; null for stages that read the database. */
  readonly sourceFile: string | null;
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

function step(
  tier: Tier,
  weekEnding: string,
  stage: BackfillStage,
  params: Record<string, unknown>,
  sourceFile: string | null = null,
): BackfillStep {
  return { tier, weekEnding, stage, pipeline: STAGE_PIPELINES[stage], params, sourceFile };
}

/**
 * Ingest of every file (tier and week passed explicitly, because a republished file's
 * lastUpdateDate points to a later week), then normalize and aggregate.
 */
export function tierWeekSteps(work: TierWeekWork): BackfillStep[] {
  const partition = { tier: work.tier, week_ending: work.weekEnding };
  const ingests = work.files.map((file) =>
    step(work.tier, work.weekEnding, "ingest", { file_path: file.path, ...partition }, file.fileName),
  );
  return [
    ...ingests,
    step(work.tier, work.weekEnding, "normalize", partition),
    step(work.tier, work.weekEnding, "aggregate", partition),
  ];
}

/** Rolling window and research snapshot of a tier-week, which need every earlier week aggregated first. */
export function windowSteps(tier: Tier, weekEnding: string, windowWeeks: number): BackfillStep[] {
  const params = { tier, week_ending: weekEnding, window_weeks: windowWeeks };
  return [step(tier, weekEnding, "rolling", params), step(tier, weekEnding, "snapshot", params)];
}

/** Every child submission a backfill of these tier-weeks makes when nothing fails. */
export function countBackfillSteps(works: readonly TierWeekWork[], windowWeeks: number): number {
  return works.reduce(
    (total, work) =>
      total + tierWeekSteps(work).length + windowSteps(work.tier, work.weekEnding, windowWeeks).length,
    0,
  );
}

/**
 * Index of the first file still to ingest, given whether the platform would skip each (oldest
 * first): a skipped file is the tier-week's current input, so it and every older file are done.
 * Re-ingesting an older file would otherwise replace a newer revision with stale data.
 */
export function firstFileToIngest(actions: readonly ("run" | "skip")[]): number {
  return actions.lastIndexOf("skip") + 1;
}
