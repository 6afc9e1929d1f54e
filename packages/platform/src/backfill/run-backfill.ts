import type { ExecutionStatus } from "../database/core-tables.js";
import type { PipelineContext } from "../pipeline/pipeline-types.js";
import type { BackfillStep, StepSpec } from "./backfill-steps.js";
import {
  countSteps,
  firstInputToRun,
  partitionStages,
  partitionSteps,
  windowLengthOf,
  windowSteps,
} from "./backfill-steps.js";
import type { PartitionOutcome, StageFailure, StageState } from "./backfill-summary.js";
import { combineStates } from "./backfill-summary.js";
import type { PartitionWork } from "./backfill-work.js";

/** A summary column read from a stage's manifest metrics, e.g. rows read by normalize. */
export interface SummaryColumn {
  readonly stage: string;
  readonly metric: string;
}

/** How a backfill submits its children. */
export interface BackfillRunOptions {
  readonly force: boolean;
  readonly failFast: boolean;
  readonly windowSize: unknown;
  readonly columns: Readonly<Record<string, SummaryColumn>>;
}

interface RunState extends BackfillRunOptions {
  readonly context: PipelineContext;
  readonly spec: StepSpec;
  readonly total: number;
  completed: number;
  rows: number;
  stopped: boolean;
}

interface OutcomeDraft {
  readonly work: PartitionWork;
  readonly stages: Record<string, StageState>;
  readonly failures: StageFailure[];
}

function stateOf(status: ExecutionStatus): StageState {
  return status === "completed" || status === "skipped" ? status : "failed";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reportProgress(state: RunState, step: BackfillStep): void {
  const message = `${state.spec.graph.partition.describe(step.partition)} ${step.stage}`;
  state.context.progress({
    completed: state.completed,
    total: state.total,
    unit: "steps",
    rows: state.rows,
    message,
  });
}

// A child that cannot even be submitted (unknown pipeline, invalid parameters) fails its stage
// like a failed execution, so one bad partition never aborts the others.
async function submitStep(
  state: RunState,
  step: BackfillStep,
): Promise<{ state: StageState; error: string | null }> {
  let result: { state: StageState; error: string | null };
  try {
    const execution = await state.context.submit(step.pipeline, step.params, { force: state.force });
    result = { state: stateOf(execution.status), error: execution.error };
    const rows = execution.metrics.rowCount;
    if (step.input !== null && execution.status === "completed" && typeof rows === "number")
      state.rows += rows;
  } catch (error) {
    result = { state: "failed", error: messageOf(error) };
  }
  state.completed += 1;
  reportProgress(state, step);
  return result;
}

/** Submits steps in order, recording each stage's state; stops at the first failure and says so. */
async function runSteps(state: RunState, draft: OutcomeDraft, steps: readonly BackfillStep[]): Promise<void> {
  for (const step of steps) {
    const result = await submitStep(state, step);
    draft.stages[step.stage] = combineStates([draft.stages[step.stage] ?? "not run", result.state]);
    if (result.state === "failed") {
      const message = result.error ?? "failed without a message";
      draft.failures.push({ stage: step.stage, input: step.input, message });
      if (state.failFast) state.stopped = true;
      return;
    }
  }
}

// Inputs up to the partition's current one are done; submitting them again would load an older
// input over a newer revision, so only later inputs run (all of them when forced).
async function firstInputIndex(state: RunState, inputs: readonly BackfillStep[]): Promise<number> {
  if (state.force || inputs.length < 2) return 0;
  const actions: Array<"run" | "skip"> = [];
  for (const step of inputs) {
    const plan = await state.context.plan(step.pipeline, step.params, { force: false }).catch(() => null);
    actions.push(plan?.action ?? "run");
  }
  return firstInputToRun(actions);
}

async function runPartition(state: RunState, draft: OutcomeDraft): Promise<void> {
  const steps = partitionSteps(state.spec, draft.work);
  const inputs = steps.filter((step) => step.input !== null);
  const first = await firstInputIndex(state, inputs);
  // A partition found without inputs is already loaded (a source that fetches only what is missing).
  const inputStage = partitionStages(state.spec.graph)[0];
  if ((first > 0 || inputs.length === 0) && inputStage !== undefined) draft.stages[inputStage] = "skipped";
  state.completed += first;
  await runSteps(state, draft, [...inputs.slice(first), ...steps.filter((step) => step.input === null)]);
}

// Windows read this partition's own stages too: they run only when all of those are done.
function isReadyForWindows(state: RunState, draft: OutcomeDraft): boolean {
  const own = partitionSteps(state.spec, draft.work).map((step) => step.stage);
  return own.every((stage) => draft.stages[stage] === "completed" || draft.stages[stage] === "skipped");
}

function windowLength(state: RunState): number {
  return windowLengthOf(state.spec, state.windowSize);
}

// A partition that failed in this backfill leaves a hole in every window reading it: computing
// those windows would publish numbers without that partition, so they wait for a rerun.
function failedPartitionInWindow(state: RunState, drafts: readonly OutcomeDraft[], draft: OutcomeDraft) {
  const { partition } = state.spec.graph;
  const length = windowLength(state);
  return drafts.find(
    (other) =>
      other !== draft &&
      other.failures.length > 0 &&
      partition.isWithinWindowAfter(other.work.key, draft.work.key, length),
  );
}

function blockWindows(state: RunState, draft: OutcomeDraft, failed: OutcomeDraft): void {
  const [first] = windowSteps(state.spec, draft.work.key, state.windowSize);
  if (first === undefined) return;
  const { partition } = state.spec.graph;
  const label = partition.describe(failed.work.key);
  const message = `not run: ${label} failed in this backfill and the ${windowLength(state)}-${partition.noun} window reads it`;
  draft.failures.push({ stage: first.stage, input: null, message });
  state.completed += windowSteps(state.spec, draft.work.key, state.windowSize).length;
}

async function toOutcome(state: RunState, draft: OutcomeDraft): Promise<PartitionOutcome> {
  const { context, spec } = state;
  const columns: Record<string, number | null> = {};
  for (const [name, column] of Object.entries(state.columns)) {
    const entry = await context.manifest.get(spec.domain, draft.work.key, column.stage);
    const value = entry?.metrics[column.metric];
    columns[name] = typeof value === "number" ? value : null;
  }
  return { partition: draft.work.key, stages: draft.stages, columns, failures: draft.failures };
}

/**
 * Runs every partition's own stages in order, then the window stages of those that are ready:
 * windows read earlier partitions, so they wait for all of them, and never run over a partition
 * that failed in this backfill. Returns one outcome per partition.
 */
export async function runBackfill(
  context: PipelineContext,
  spec: StepSpec,
  works: readonly PartitionWork[],
  options: BackfillRunOptions,
): Promise<PartitionOutcome[]> {
  const total = countSteps(spec, works, options.windowSize);
  const state: RunState = { ...options, context, spec, total, completed: 0, rows: 0, stopped: false };
  const notRun = () => Object.fromEntries(spec.graph.stages.map((stage) => [stage, "not run" as StageState]));
  const drafts: OutcomeDraft[] = works.map((work) => ({ work, stages: notRun(), failures: [] }));
  for (const draft of drafts) {
    if (state.stopped) break;
    await runPartition(state, draft);
  }
  for (const draft of drafts) {
    if (state.stopped) break;
    if (!isReadyForWindows(state, draft)) continue;
    const failed = failedPartitionInWindow(state, drafts, draft);
    if (failed !== undefined) {
      blockWindows(state, draft, failed);
      continue;
    }
    await runSteps(state, draft, windowSteps(spec, draft.work.key, options.windowSize));
  }
  return Promise.all(drafts.map((draft) => toOutcome(state, draft)));
}
