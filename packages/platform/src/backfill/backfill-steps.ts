import { SpineError } from "../errors/spine-error.js";
import type { PartitionKey } from "../pipeline/partition.js";
import type { StageGraph } from "../stages/define-stage-graph.js";
import type { PartitionWork } from "./backfill-work.js";

/** What the step builders need from a backfill's declaration. */
export interface StepSpec {
  /** The domain whose stages the backfill runs (its manifest holds their state). */
  readonly domain: string;
  readonly graph: StageGraph;
  /** The pipeline that runs each stage. */
  readonly pipelines: Readonly<Record<string, string>>;
  /** The parameter naming a window's size; window stages (and those after them) receive it. */
  readonly windowParameter?: string;
  /**
   * Stages that run a second time with these parameters added, after their usual run (e.g. a
   * non-current calculation version computed beside the current one).
   */
  readonly extraRuns?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One child submission of a backfill. */
export interface BackfillStep {
  readonly partition: PartitionKey;
  readonly stage: string;
  readonly pipeline: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The input's label for runs of the first stage; null for stages that read the database. */
  readonly input: string | null;
}

function step(
  spec: StepSpec,
  partition: PartitionKey,
  stage: string,
  params: Readonly<Record<string, unknown>>,
  input: string | null = null,
): BackfillStep {
  const pipeline = spec.pipelines[stage];
  if (pipeline === undefined)
    throw new SpineError("INTERNAL", `The backfill declares no pipeline for stage ${stage}.`);
  return { partition, stage, pipeline, params, input };
}

// A stage's usual step, then its extra run when the backfill asked for one.
function stepsOf(
  spec: StepSpec,
  partition: PartitionKey,
  stage: string,
  params: Readonly<Record<string, unknown>>,
) {
  const extra = spec.extraRuns?.[stage];
  const usual = step(spec, partition, stage, params);
  return extra === undefined ? [usual] : [usual, step(spec, partition, stage, { ...params, ...extra })];
}

/** The stages each partition runs on its own; window stages (and later ones) wait for every partition. */
export function partitionStages(graph: StageGraph): readonly string[] {
  const first = graph.firstWindowStage;
  return first === null ? graph.stages : graph.stages.slice(0, graph.stages.indexOf(first));
}

/** The stages that wait until every partition has run its own stages. */
export function windowStages(graph: StageGraph): readonly string[] {
  return graph.stages.slice(partitionStages(graph).length);
}

/**
 * The first stage once per input (the key passed explicitly, because an input may say otherwise,
 * as a republished file does), then the partition's other stages before any window stage.
 */
export function partitionSteps(spec: StepSpec, work: PartitionWork): BackfillStep[] {
  const [first, ...rest] = partitionStages(spec.graph);
  if (first === undefined) return [];
  const inputs = work.inputs.map((input) => {
    const usual = step(spec, work.key, first, { ...input.params, ...work.key }, input.label);
    return input.pipeline === undefined ? usual : { ...usual, pipeline: input.pipeline };
  });
  return [...inputs, ...rest.flatMap((stage) => stepsOf(spec, work.key, stage, work.key))];
}

/** The window stages of a partition and those after them, given the window size chosen for the run. */
export function windowSteps(spec: StepSpec, partition: PartitionKey, windowSize: unknown): BackfillStep[] {
  const window = spec.windowParameter === undefined ? {} : { [spec.windowParameter]: windowSize };
  return windowStages(spec.graph).flatMap((stage) =>
    stepsOf(spec, partition, stage, { ...partition, ...window }),
  );
}

/** Every child submission a backfill of these partitions makes when nothing fails. */
export function countSteps(spec: StepSpec, works: readonly PartitionWork[], windowSize: unknown): number {
  return works.reduce(
    (total, work) =>
      total + partitionSteps(spec, work).length + windowSteps(spec, work.key, windowSize).length,
    0,
  );
}

/**
 * Index of the first input still to run, given whether the platform would skip each (oldest
 * first): a skipped input is the partition's current one, so it and every older input are done.
 * Running an older input again would replace a newer revision with stale data.
 */
export function firstInputToRun(actions: readonly ("run" | "skip")[]): number {
  return actions.lastIndexOf("skip") + 1;
}

/** The window a partition's window stages read: the run's size, else the longest the graph allows. */
export function windowLengthOf(spec: StepSpec, windowSize: unknown): number {
  if (typeof windowSize === "number") return windowSize;
  const sizes = Object.values(spec.graph.windows ?? {}).map((window) => window?.maximumSize ?? 1);
  return Math.max(1, ...sizes);
}
