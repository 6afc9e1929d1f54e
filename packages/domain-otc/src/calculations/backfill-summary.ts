import type { Tier } from "@spine/finra";
import type { BackfillStage } from "./backfill-plan.js";
import { BACKFILL_STAGES } from "./backfill-plan.js";

/** What happened to one stage (or one whole tier-week) in a backfill. */
export type StageState = "completed" | "skipped" | "failed" | "not run";

/** Why a stage of a tier-week failed. */
export interface StageFailure {
  readonly stage: BackfillStage;
  readonly sourceFile: string | null;
  readonly message: string;
}

/** Everything a backfill learned about one tier-week. */
export interface TierWeekOutcome {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly stages: Readonly<Record<BackfillStage, StageState>>;
  /** Rows read and rejected by the tier-week's current normalize; null when it has none. */
  readonly rows: number | null;
  readonly rejects: number | null;
  readonly failures: readonly StageFailure[];
}

/** One row of the summary table, in the column order the CLI shows. */
export interface BackfillSummaryRow {
  readonly tier: Tier;
  readonly week_ending: string;
  readonly ingest: StageState;
  readonly normalize: StageState;
  readonly aggregate: StageState;
  readonly rolling: StageState;
  readonly snapshot: StageState;
  readonly rows: number | null;
  readonly rejects: number | null;
  readonly status: StageState;
}

/** The summary a backfill returns: table, failures, metrics and the failure message, if any. */
export interface BackfillSummary {
  readonly table: BackfillSummaryRow[];
  readonly failed: Array<{
    tier: Tier;
    week_ending: string;
    stage: BackfillStage;
    source_file: string | null;
    error: string;
  }>;
  readonly metrics: {
    weeks_planned: number;
    weeks_completed: number;
    weeks_failed: number;
    weeks_skipped: number;
    weeks_not_run: number;
  };
  readonly failure: string | null;
}

/** One state for several submissions of a stage (several files of a tier-week): the most telling wins. */
export function combineStates(states: readonly StageState[]): StageState {
  for (const state of ["failed", "completed", "skipped"] as const) {
    if (states.includes(state)) return state;
  }
  return "not run";
}

/**
 * A tier-week failed if any stage failed, is not run if any stage was left out (fail_fast), is
 * skipped when every stage was already done, and completed otherwise.
 */
export function tierWeekStatus(stages: Readonly<Record<BackfillStage, StageState>>): StageState {
  const states = BACKFILL_STAGES.map((stage) => stages[stage]);
  if (states.includes("failed")) return "failed";
  if (states.includes("not run")) return "not run";
  return states.every((state) => state === "skipped") ? "skipped" : "completed";
}

function summaryRow(outcome: TierWeekOutcome): BackfillSummaryRow {
  const { stages } = outcome;
  return {
    tier: outcome.tier,
    week_ending: outcome.weekEnding,
    ingest: stages.ingest,
    normalize: stages.normalize,
    aggregate: stages.aggregate,
    rolling: stages.rolling,
    snapshot: stages.snapshot,
    rows: outcome.rows,
    rejects: outcome.rejects,
    status: tierWeekStatus(stages),
  };
}

function failureMessage(
  table: readonly BackfillSummaryRow[],
  outcomes: readonly TierWeekOutcome[],
): string | null {
  const failed = outcomes.filter((outcome) => tierWeekStatus(outcome.stages) === "failed");
  if (failed.length === 0) return null;
  const details = failed.flatMap((outcome) =>
    outcome.failures.map(
      (failure) => `${outcome.tier} ${outcome.weekEnding} ${failure.stage}: ${failure.message}`,
    ),
  );
  const notRun = table.filter((row) => row.status === "not run").length;
  const stopped = notRun > 0 ? `; ${notRun} not run after the first failure (fail_fast)` : "";
  return `${failed.length} of ${table.length} tier-weeks failed: ${details.join("; ")}${stopped}`;
}

/** Builds the summary of a backfill from its tier-week outcomes, in their order. */
export function summarizeBackfill(outcomes: readonly TierWeekOutcome[]): BackfillSummary {
  const table = outcomes.map(summaryRow);
  const count = (status: StageState) => table.filter((row) => row.status === status).length;
  return {
    table,
    failed: outcomes.flatMap((outcome) =>
      outcome.failures.map((failure) => ({
        tier: outcome.tier,
        week_ending: outcome.weekEnding,
        stage: failure.stage,
        source_file: failure.sourceFile,
        error: failure.message,
      })),
    ),
    metrics: {
      weeks_planned: table.length,
      weeks_completed: count("completed"),
      weeks_failed: count("failed"),
      weeks_skipped: count("skipped"),
      weeks_not_run: count("not run"),
    },
    failure: failureMessage(table, outcomes),
  };
}
