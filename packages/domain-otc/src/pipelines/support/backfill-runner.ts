import type { ExecutionStatus, PipelineContext } from "@spine/platform";
import type { BackfillStep, TierWeekWork } from "../../calculations/backfill-plan.js";
import {
  BACKFILL_STAGES,
  countBackfillSteps,
  firstFileToIngest,
  tierWeekSteps,
  windowSteps,
} from "../../calculations/backfill-plan.js";
import type { StageFailure, StageState, TierWeekOutcome } from "../../calculations/backfill-summary.js";
import { combineStates } from "../../calculations/backfill-summary.js";
import { tierWeekKey } from "./tier-week-params.js";

/** How a backfill submits its children. */
export interface BackfillRunOptions {
  readonly force: boolean;
  readonly failFast: boolean;
  readonly windowWeeks: number;
}

interface RunState extends BackfillRunOptions {
  readonly context: PipelineContext;
  readonly total: number;
  completed: number;
  stopped: boolean;
}

interface OutcomeDraft {
  readonly work: TierWeekWork;
  readonly stages: Record<(typeof BACKFILL_STAGES)[number], StageState>;
  readonly failures: StageFailure[];
}

function stateOf(status: ExecutionStatus): StageState {
  return status === "completed" || status === "skipped" ? status : "failed";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reportProgress(state: RunState, step: BackfillStep): void {
  const message = `${step.tier} ${step.weekEnding} ${step.stage}`;
  state.context.progress({ completed: state.completed, total: state.total, unit: "steps", message });
}

// A child that cannot even be submitted (unknown pipeline, invalid parameters) fails its stage
// like a failed execution, so one bad tier-week never aborts the others.
async function submitStep(
  state: RunState,
  step: BackfillStep,
): Promise<{ state: StageState; error: string | null }> {
  let result: { state: StageState; error: string | null };
  try {
    const execution = await state.context.submit(step.pipeline, step.params, { force: state.force });
    result = { state: stateOf(execution.status), error: execution.error };
  } catch (error) {
    result = { state: "failed", error: messageOf(error) };
  }
  state.completed += 1;
  reportProgress(state, step);
  return result;
}

/** Submits steps in order, recording each stage's state; stops at the first failure and says so. */
async function runSteps(
  state: RunState,
  draft: OutcomeDraft,
  steps: readonly BackfillStep[],
): Promise<boolean> {
  for (const step of steps) {
    const result = await submitStep(state, step);
    draft.stages[step.stage] = combineStates([draft.stages[step.stage], result.state]);
    if (result.state === "failed") {
      draft.failures.push({
        stage: step.stage,
        sourceFile: step.sourceFile,
        message: result.error ?? "failed without a message",
      });
      if (state.failFast) state.stopped = true;
      return false;
    }
  }
  return true;
}

// Files up to the tier-week's current input are done; submitting them again would load an older
// file over a newer revision, so only later files are ingested (all of them when forced).
async function firstIngestIndex(state: RunState, ingests: readonly BackfillStep[]): Promise<number> {
  if (state.force || ingests.length < 2) return 0;
  const actions: Array<"run" | "skip"> = [];
  for (const step of ingests) {
    const plan = await state.context.plan(step.pipeline, step.params, { force: false }).catch(() => null);
    actions.push(plan?.action ?? "run");
  }
  return firstFileToIngest(actions);
}

async function runTierWeek(state: RunState, draft: OutcomeDraft): Promise<void> {
  const steps = tierWeekSteps(draft.work);
  const ingests = steps.filter((step) => step.stage === "ingest");
  const first = await firstIngestIndex(state, ingests);
  if (first > 0) draft.stages.ingest = "skipped";
  state.completed += first;
  await runSteps(state, draft, [...ingests.slice(first), ...steps.filter((step) => step.stage !== "ingest")]);
}

function hasAggregate(draft: OutcomeDraft): boolean {
  return draft.stages.aggregate === "completed" || draft.stages.aggregate === "skipped";
}

async function toOutcome(context: PipelineContext, draft: OutcomeDraft): Promise<TierWeekOutcome> {
  const { tier, weekEnding } = draft.work;
  const normalize = await context.manifest.get(
    "otc",
    tierWeekKey({ tier, week_ending: weekEnding }),
    "normalize",
  );
  const count = (name: string) =>
    typeof normalize?.metrics[name] === "number" ? Number(normalize.metrics[name]) : null;
  return {
    tier,
    weekEnding,
    stages: draft.stages,
    rows: count("rows_read"),
    rejects: count("rows_rejected"),
    failures: draft.failures,
  };
}

/**
 * Ingests, normalizes and aggregates every tier-week in order, then computes rolling windows and
 * snapshots for those with data: windows read earlier weeks, so they wait for every aggregate.
 */
export async function runBackfill(
  context: PipelineContext,
  works: readonly TierWeekWork[],
  options: BackfillRunOptions,
): Promise<TierWeekOutcome[]> {
  const state: RunState = {
    ...options,
    context,
    total: countBackfillSteps(works, options.windowWeeks),
    completed: 0,
    stopped: false,
  };
  const notRun = () =>
    Object.fromEntries(BACKFILL_STAGES.map((stage) => [stage, "not run"])) as OutcomeDraft["stages"];
  const drafts: OutcomeDraft[] = works.map((work) => ({ work, stages: notRun(), failures: [] }));
  for (const draft of drafts) {
    if (state.stopped) break;
    await runTierWeek(state, draft);
  }
  for (const draft of drafts) {
    if (state.stopped) break;
    if (!hasAggregate(draft)) continue;
    await runSteps(state, draft, windowSteps(draft.work.tier, draft.work.weekEnding, options.windowWeeks));
  }
  return Promise.all(drafts.map((draft) => toOutcome(context, draft)));
}
