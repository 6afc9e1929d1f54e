import type { Tier } from "@spine/finra";
import type { PlanStep } from "@spine/platform";
import type { BackfillStep, TierWeekWork } from "../../calculations/backfill-plan.js";
import { firstFileToIngest, tierWeekSteps, windowSteps } from "../../calculations/backfill-plan.js";

/** Asks the platform what one child would do (PipelineContext.plan or PlanContext.plan). */
export type StepPlanner = (pipeline: string, params: Readonly<Record<string, unknown>>) => Promise<PlanStep>;

/** A backfill step and what submitting it would do. */
export interface PlannedStep {
  readonly step: BackfillStep;
  readonly plan: PlanStep;
}

/** One row of the dry-run table. */
export interface PlanRow {
  readonly tier: Tier;
  readonly week_ending: string;
  readonly stage: string;
  readonly action: "run" | "skip";
  readonly reason: string;
}

// An ingest plan reads the file; a corrupt one cannot be planned, but a run would still try it.
async function planStep(planner: StepPlanner, step: BackfillStep): Promise<PlannedStep> {
  try {
    return { step, plan: await planner(step.pipeline, step.params) };
  } catch (error) {
    const reason = `cannot be planned: ${error instanceof Error ? error.message : String(error)}`;
    const partition = { tier: step.tier, week_ending: step.weekEnding };
    return { step, plan: { pipeline: step.pipeline, params: step.params, partition, action: "run", reason } };
  }
}

/** The manifest may say done, but an earlier step that runs first invalidates it. */
function runsAfter(planned: PlannedStep, upstreamRuns: boolean, reason: string): PlannedStep {
  if (!upstreamRuns || planned.plan.action === "run") return planned;
  return { ...planned, plan: { ...planned.plan, action: "run", reason } };
}

async function planIngests(
  planner: StepPlanner,
  steps: readonly BackfillStep[],
  force: boolean,
): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  for (const step of steps) planned.push(await planStep(planner, step));
  const first = force ? 0 : firstFileToIngest(planned.map((entry) => entry.plan.action));
  const superseded = "superseded: a newer file of this tier-week is already ingested";
  return planned.map((entry, index) =>
    index < first && entry.plan.action === "run"
      ? { ...entry, plan: { ...entry.plan, action: "skip", reason: superseded } }
      : entry,
  );
}

async function planTierWeek(
  planner: StepPlanner,
  work: TierWeekWork,
  force: boolean,
): Promise<PlannedStep[]> {
  const steps = tierWeekSteps(work);
  const planned = await planIngests(
    planner,
    steps.filter((step) => step.stage === "ingest"),
    force,
  );
  for (const step of steps.filter((candidate) => candidate.stage !== "ingest")) {
    const upstreamRuns = planned.some((entry) => entry.plan.action === "run");
    planned.push(
      runsAfter(
        await planStep(planner, step),
        upstreamRuns,
        "an earlier stage of this tier-week runs first and invalidates it",
      ),
    );
  }
  return planned;
}

// A new aggregate makes every later rolling window of its tier stale, not only its own week's.
async function planWindow(
  planner: StepPlanner,
  work: TierWeekWork,
  windowWeeks: number,
  earliestAggregate: ReadonlyMap<Tier, string>,
): Promise<PlannedStep[]> {
  const [rollingStep, snapshotStep] = windowSteps(work.tier, work.weekEnding, windowWeeks);
  if (!rollingStep || !snapshotStep) return [];
  const aggregateWeek = earliestAggregate.get(work.tier);
  const staleWindow = aggregateWeek !== undefined && aggregateWeek <= work.weekEnding;
  const rolling = runsAfter(
    await planStep(planner, rollingStep),
    staleWindow,
    "an aggregate in this window runs first and makes it stale",
  );
  const rollingRuns = rolling.plan.action === "run";
  const snapshot = runsAfter(
    await planStep(planner, snapshotStep),
    rollingRuns,
    "its rolling window runs first and invalidates it",
  );
  return [rolling, snapshot];
}

/** What a backfill would submit and whether each child would run or skip, in submission order. */
export async function planBackfill(
  planner: StepPlanner,
  works: readonly TierWeekWork[],
  options: { force: boolean; windowWeeks: number },
): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  const earliestAggregate = new Map<Tier, string>();
  for (const work of works) {
    const steps = await planTierWeek(planner, work, options.force);
    const aggregateRuns = steps.some(
      (entry) => entry.step.stage === "aggregate" && entry.plan.action === "run",
    );
    if (aggregateRuns && !earliestAggregate.has(work.tier)) earliestAggregate.set(work.tier, work.weekEnding);
    planned.push(...steps);
  }
  for (const work of works)
    planned.push(...(await planWindow(planner, work, options.windowWeeks, earliestAggregate)));
  return planned;
}

/** The reason shown to users, naming the file for ingest steps. */
export function planReason(planned: PlannedStep): string {
  return planned.step.sourceFile ? `${planned.step.sourceFile}: ${planned.plan.reason}` : planned.plan.reason;
}

/** The dry-run table rows. */
export function planRows(planned: readonly PlannedStep[]): PlanRow[] {
  return planned.map((entry) => ({
    tier: entry.step.tier,
    week_ending: entry.step.weekEnding,
    stage: entry.step.stage,
    action: entry.plan.action,
    reason: planReason(entry),
  }));
}
