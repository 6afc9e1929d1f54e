import type { PlanStep } from "../runtime/execution.js";
import type { BackfillStep, StepSpec } from "./backfill-steps.js";
import { firstInputToRun, partitionSteps, windowSteps } from "./backfill-steps.js";
import type { PartitionWork } from "./backfill-work.js";

/** Asks the platform what one child would do (PipelineContext.plan or PlanContext.plan). */
export type StepPlanner = (pipeline: string, params: Readonly<Record<string, unknown>>) => Promise<PlanStep>;

/** A backfill step and what submitting it would do. */
export interface PlannedStep {
  readonly step: BackfillStep;
  readonly plan: PlanStep;
}

/** What planning needs besides the steps: the run's force flag and window size. */
export interface PlanOptions {
  readonly force: boolean;
  readonly windowSize: unknown;
}

// A first-stage plan reads its input; a corrupt one cannot be planned, but a run would still try it.
async function planStep(planner: StepPlanner, step: BackfillStep): Promise<PlannedStep> {
  try {
    return { step, plan: await planner(step.pipeline, step.params) };
  } catch (error) {
    const reason = `cannot be planned: ${error instanceof Error ? error.message : String(error)}`;
    const { pipeline, params, partition } = step;
    return { step, plan: { pipeline, params, partition, action: "run", reason } };
  }
}

/** The manifest may say done, but an earlier step that runs first invalidates it. */
function runsAfter(planned: PlannedStep, upstreamRuns: boolean, reason: string): PlannedStep {
  if (!upstreamRuns || planned.plan.action === "run") return planned;
  return { ...planned, plan: { ...planned.plan, action: "run", reason } };
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

async function planInputs(
  planner: StepPlanner,
  steps: readonly BackfillStep[],
  options: PlanOptions & { readonly noun: string },
): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  for (const step of steps) planned.push(await planStep(planner, step));
  const first = options.force ? 0 : firstInputToRun(planned.map((entry) => entry.plan.action));
  const superseded = `superseded: a newer file of this ${options.noun} is already ingested`;
  return planned.map((entry, index) =>
    index < first && entry.plan.action === "run"
      ? { ...entry, plan: { ...entry.plan, action: "skip", reason: superseded } }
      : entry,
  );
}

async function planPartition(
  planner: StepPlanner,
  spec: StepSpec,
  work: PartitionWork,
  options: PlanOptions,
): Promise<PlannedStep[]> {
  const noun = spec.graph.partition.noun;
  const steps = partitionSteps(spec, work);
  const inputs = steps.filter((step) => step.input !== null);
  const planned = await planInputs(planner, inputs, { ...options, noun });
  for (const step of steps.filter((candidate) => candidate.input === null)) {
    const upstreamRuns = planned.some((entry) => entry.plan.action === "run");
    const reason = `an earlier stage of this ${noun} runs first and invalidates it`;
    planned.push(runsAfter(await planStep(planner, step), upstreamRuns, reason));
  }
  return planned;
}

/** True when a stage a window reads runs, in this partition or an earlier one of its series. */
function windowReadRuns(spec: StepSpec, stage: string, step: BackfillStep, runs: readonly PlannedStep[]) {
  const window = spec.graph.windows?.[stage];
  if (window === undefined) return false;
  const { partition } = spec.graph;
  const order = partition.order.field;
  return runs.some(
    (entry) =>
      entry.step.stage === window.reads &&
      partition.seriesOf(entry.step.partition) === partition.seriesOf(step.partition) &&
      String(entry.step.partition[order]) <= String(step.partition[order]),
  );
}

// A stage read by windows makes every later window of its series stale, not only its own partition's.
async function planWindow(
  planner: StepPlanner,
  spec: StepSpec,
  work: PartitionWork,
  options: PlanOptions & { readonly runs: readonly PlannedStep[] },
): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  for (const step of windowSteps(spec, work.key, options.windowSize)) {
    const window = spec.graph.windows?.[step.stage];
    const previous = planned.find((entry) => entry.plan.action === "run");
    const own = await planStep(planner, step);
    if (window !== undefined) {
      const reason = `${article(window.reads)} ${window.reads} in this window runs first and makes it stale`;
      planned.push(runsAfter(own, windowReadRuns(spec, step.stage, step, options.runs), reason));
    } else {
      const reason = `its ${previous?.step.stage ?? ""} window runs first and invalidates it`;
      planned.push(runsAfter(own, previous !== undefined, reason));
    }
  }
  return planned;
}

/** What a backfill would submit and whether each child would run or skip, in submission order. */
export async function planBackfill(
  planner: StepPlanner,
  spec: StepSpec,
  works: readonly PartitionWork[],
  options: PlanOptions,
): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  for (const work of works) planned.push(...(await planPartition(planner, spec, work, options)));
  const runs = planned.filter((entry) => entry.plan.action === "run");
  for (const work of works) planned.push(...(await planWindow(planner, spec, work, { ...options, runs })));
  return planned;
}

/** The reason shown to users, naming the input for first-stage steps. */
export function planReason(planned: PlannedStep): string {
  return planned.step.input ? `${planned.step.input}: ${planned.plan.reason}` : planned.plan.reason;
}

/** The dry-run table rows: the partition's fields, stage, action and reason. */
export function planRows(spec: StepSpec, planned: readonly PlannedStep[]): Record<string, unknown>[] {
  return planned.map((entry) => ({
    ...spec.graph.partition.keyOf(entry.step.partition),
    stage: entry.step.stage,
    action: entry.plan.action,
    reason: planReason(entry),
  }));
}
