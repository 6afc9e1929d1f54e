import type { PartitionKey } from "../pipeline/partition.js";
import type { PartitionDefinition } from "../stages/define-partition.js";

/** What happened to one stage (or one whole partition) in a backfill. */
export type StageState = "completed" | "skipped" | "failed" | "not run";

/** Why a stage of a partition failed. */
export interface StageFailure {
  readonly stage: string;
  /** The input the stage was running, if it runs per input. */
  readonly input: string | null;
  readonly message: string;
}

/** Everything a backfill learned about one partition. */
export interface PartitionOutcome {
  readonly partition: PartitionKey;
  /** Every stage of the graph, in workflow order. */
  readonly stages: Readonly<Record<string, StageState>>;
  /** Extra summary columns (e.g. rows read), in the order the table shows them. */
  readonly columns: Readonly<Record<string, number | null>>;
  readonly failures: readonly StageFailure[];
}

/** The summary a backfill returns: table, failures, metrics and the failure message, if any. */
export interface BackfillSummary {
  readonly table: Record<string, unknown>[];
  readonly failed: Record<string, unknown>[];
  readonly metrics: Record<string, number>;
  readonly failure: string | null;
}

/** How the summary names things: the partition (fields, noun) and the metrics' unit (`weeks`). */
export interface SummaryNames {
  readonly partition: PartitionDefinition;
  readonly unit: string;
}

/** One state for several submissions of a stage (several inputs): the most telling wins. */
export function combineStates(states: readonly StageState[]): StageState {
  for (const state of ["failed", "completed", "skipped"] as const) {
    if (states.includes(state)) return state;
  }
  return "not run";
}

/**
 * A partition failed if any stage failed, is not run if any stage was left out (fail_fast), is
 * skipped when every stage was already done, and completed otherwise.
 */
export function partitionStatus(stages: Readonly<Record<string, StageState>>): StageState {
  const states = Object.values(stages);
  if (states.includes("failed")) return "failed";
  if (states.includes("not run")) return "not run";
  return states.every((state) => state === "skipped") ? "skipped" : "completed";
}

function summaryRow(names: SummaryNames, outcome: PartitionOutcome): Record<string, unknown> {
  return {
    ...names.partition.keyOf(outcome.partition),
    ...outcome.stages,
    ...outcome.columns,
    status: partitionStatus(outcome.stages),
  };
}

function failureMessage(names: SummaryNames, outcomes: readonly PartitionOutcome[]): string | null {
  const failed = outcomes.filter((outcome) => partitionStatus(outcome.stages) === "failed");
  if (failed.length === 0) return null;
  const details = failed.flatMap((outcome) =>
    outcome.failures.map(
      (failure) => `${names.partition.describe(outcome.partition)} ${failure.stage}: ${failure.message}`,
    ),
  );
  const notRun = outcomes.filter((outcome) => partitionStatus(outcome.stages) === "not run");
  // A not-run partition with a failure of its own had its windows held back by a failed one.
  const held = notRun.filter((outcome) => outcome.failures.length > 0).length;
  const stopped = notRun.length - held;
  const noun = `${names.partition.noun}s`;
  const heldText = held > 0 ? `; ${held} not run: their windows read a failed ${names.partition.noun}` : "";
  const stoppedText = stopped > 0 ? `; ${stopped} not run after the first failure (fail_fast)` : "";
  return `${failed.length} of ${outcomes.length} ${noun} failed: ${details.join("; ")}${heldText}${stoppedText}`;
}

/** Builds the summary of a backfill from its partition outcomes, in their order. */
export function summarizeBackfill(
  names: SummaryNames,
  outcomes: readonly PartitionOutcome[],
): BackfillSummary {
  const table = outcomes.map((outcome) => summaryRow(names, outcome));
  const count = (status: StageState) => table.filter((row) => row.status === status).length;
  return {
    table,
    failed: outcomes.flatMap((outcome) =>
      outcome.failures.map((failure) => ({
        ...names.partition.keyOf(outcome.partition),
        stage: failure.stage,
        source_file: failure.input,
        error: failure.message,
      })),
    ),
    metrics: {
      [`${names.unit}_planned`]: table.length,
      [`${names.unit}_completed`]: count("completed"),
      [`${names.unit}_failed`]: count("failed"),
      [`${names.unit}_skipped`]: count("skipped"),
      [`${names.unit}_not_run`]: count("not run"),
    },
    failure: failureMessage(names, outcomes),
  };
}
