import type { PartitionKey } from "../pipeline/pipeline-types.js";
import type { BackfillStep, StepSpec } from "./backfill-steps.js";
import { partitionSteps, windowLengthOf, windowSteps } from "./backfill-steps.js";
import type { PartitionWork } from "./backfill-work.js";

/** One backfill step as a job: what it runs and the steps (by position) it waits for. */
export interface BackfillJob {
  readonly position: number;
  readonly partition: PartitionKey;
  readonly stage: string;
  readonly pipeline: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly input: string | null;
  readonly dependsOn: readonly number[];
}

/** What a queued backfill enqueues: its domain and jobs in stage-graph order. */
export interface BackfillJobPlan {
  readonly domain: string;
  readonly jobs: readonly BackfillJob[];
}

/** Per partition, how many of its inputs are already done (only the later ones run). */
export type InputsToSkip = (work: PartitionWork, inputs: readonly BackfillStep[]) => Promise<number>;

interface Draft {
  readonly jobs: BackfillJob[];
  add(step: BackfillStep, dependsOn: readonly number[]): number;
}

function createDraft(): Draft {
  const jobs: BackfillJob[] = [];
  return {
    jobs,
    add: (step, dependsOn) => {
      const position = jobs.length;
      const { partition, stage, pipeline, params, input } = step;
      jobs.push({ position, partition, stage, pipeline, params, input, dependsOn: [...new Set(dependsOn)] });
      return position;
    },
  };
}

// Each step of a chain waits for the one before it; returns the chain's last position.
function addChain(draft: Draft, steps: readonly BackfillStep[], first: readonly number[]): number | null {
  let previous: readonly number[] = first;
  let last: number | null = null;
  for (const step of steps) {
    last = draft.add(step, previous);
    previous = [last];
  }
  return last;
}

/**
 * The jobs of a backfill: each partition's own stages as a chain (inputs already done left out),
 * then its window stages, which wait for the last own stage of every partition their window reads
 * and, as in an in-process run, for the windows of the previous partition of the series.
 */
export async function planBackfillJobs(
  spec: StepSpec,
  works: readonly PartitionWork[],
  options: { readonly windowSize: unknown; readonly inputsToSkip: InputsToSkip },
): Promise<BackfillJob[]> {
  const draft = createDraft();
  const ownEnds = new Map<PartitionWork, number | null>();
  for (const work of works) {
    const steps = partitionSteps(spec, work);
    const inputs = steps.filter((step) => step.input !== null);
    const skipped = await options.inputsToSkip(work, inputs);
    const own = [...inputs.slice(skipped), ...steps.filter((step) => step.input === null)];
    ownEnds.set(work, addChain(draft, own, []));
  }
  const { partition } = spec.graph;
  const length = windowLengthOf(spec, options.windowSize);
  const lastWindowOfSeries = new Map<string, number>();
  for (const work of works) {
    const read = works.filter(
      (other) => other === work || partition.isWithinWindowAfter(other.key, work.key, length),
    );
    const waits = read.map((other) => ownEnds.get(other)).filter((end) => typeof end === "number");
    const series = partition.seriesOf(work.key);
    const previous = lastWindowOfSeries.get(series);
    const first = previous === undefined ? waits : [...waits, previous];
    const last = addChain(draft, windowSteps(spec, work.key, options.windowSize), first);
    if (last !== null) lastWindowOfSeries.set(series, last);
  }
  return draft.jobs;
}
