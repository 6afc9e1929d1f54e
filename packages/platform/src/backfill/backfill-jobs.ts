import type { PartitionKey } from "../pipeline/partition.js";
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

// Each step of a chain waits for the one before it and for its stage in the series' previous
// partition (`previous`, updated as the chain is added); returns the chain's last position.
function addChain(
  draft: Draft,
  steps: readonly BackfillStep[],
  first: readonly number[],
  previous: Map<string, number>,
): number | null {
  let before: readonly number[] = first;
  let last: number | null = null;
  const added = new Map<string, number>();
  for (const step of steps) {
    const same = previous.get(step.stage);
    last = draft.add(step, same === undefined ? before : [...before, same]);
    added.set(step.stage, last);
    before = [last];
  }
  for (const [stage, position] of added) previous.set(stage, position);
  return last;
}

function seriesMemory(memory: Map<string, Map<string, number>>, series: string): Map<string, number> {
  const found = memory.get(series) ?? new Map<string, number>();
  memory.set(series, found);
  return found;
}

/**
 * The jobs of a backfill: each partition's own stages as a chain (inputs already done left out),
 * then its window stages, which also wait for the last own stage of every partition their window
 * reads. As in an in-process run, a partition's stage runs after the same stage of the previous
 * partition of its series (a stage's checks compare with earlier partitions); series, and the
 * stages of one series, run in parallel.
 */
export async function planBackfillJobs(
  spec: StepSpec,
  works: readonly PartitionWork[],
  options: { readonly windowSize: unknown; readonly inputsToSkip: InputsToSkip },
): Promise<BackfillJob[]> {
  const draft = createDraft();
  const { partition } = spec.graph;
  const memory = new Map<string, Map<string, number>>();
  const ownEnds = new Map<PartitionWork, number | null>();
  for (const work of works) {
    const steps = partitionSteps(spec, work);
    const inputs = steps.filter((step) => step.input !== null);
    const skipped = await options.inputsToSkip(work, inputs);
    const own = [...inputs.slice(skipped), ...steps.filter((step) => step.input === null)];
    ownEnds.set(work, addChain(draft, own, [], seriesMemory(memory, partition.seriesOf(work.key))));
  }
  const length = windowLengthOf(spec, options.windowSize);
  for (const work of works) {
    const read = works.filter(
      (other) => other === work || partition.isWithinWindowAfter(other.key, work.key, length),
    );
    const waits = read.map((other) => ownEnds.get(other)).filter((end) => typeof end === "number");
    addChain(
      draft,
      windowSteps(spec, work.key, options.windowSize),
      waits,
      seriesMemory(memory, partition.seriesOf(work.key)),
    );
  }
  return draft.jobs;
}
