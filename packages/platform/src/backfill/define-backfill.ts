import type { z } from "zod";
import type { Result } from "../errors/result.js";
import { ok } from "../errors/result.js";
import { SpineError } from "../errors/spine-error.js";
import { definePipeline } from "../pipeline/define-pipeline.js";
import type {
  PipelineContext,
  PipelineDefinition,
  PipelineOutcome,
  PlanContext,
  QueuedPipeline,
  ReadContext,
} from "../pipeline/pipeline-types.js";
import type { StageGraph } from "../stages/define-stage-graph.js";
import type { BackfillControls } from "./backfill-controls.js";
import { recordGapChecks } from "./backfill-gaps.js";
import { planBackfillJobs } from "./backfill-jobs.js";
import type { BackfillStep, StepSpec } from "./backfill-steps.js";
import { firstInputToRun } from "./backfill-steps.js";
import { summarizeBackfill } from "./backfill-summary.js";
import { readBackfillWarnings } from "./backfill-warnings.js";
import type { BackfillWork, BackfillWorkProblem, PartitionWork } from "./backfill-work.js";
import type { StepPlanner } from "./plan-backfill.js";
import { planBackfill, planReason, planRows } from "./plan-backfill.js";
import type { SummaryColumn } from "./run-backfill.js";
import { runBackfill } from "./run-backfill.js";
import { selectPartitions } from "./select-partitions.js";

/** What a domain declares to get a backfill pipeline. */
export interface BackfillDeclaration<Schema extends z.ZodType<BackfillControls>> {
  readonly name: string;
  readonly description: string;
  /** The domain's parameters, including {@link backfillControlParams}. */
  readonly params: Schema;
  readonly domain: string;
  readonly graph: StageGraph;
  /** The pipeline that runs each stage of the graph. */
  readonly pipelines: Readonly<Record<string, string>>;
  /** The parameter holding the window size, passed on to window stages and those after them. */
  readonly windowParameter?: string;
  /**
   * Parameters that, when given, make the named stages run once more with them (after their usual
   * run), e.g. `{ calc_version: ["aggregate", "snapshot"] }` computes another version beside the current.
   */
  readonly extraRunParameters?: Readonly<Record<string, readonly string[]>>;
  /** Prefix of the per-partition metrics, e.g. `weeks` for `weeks_planned`. */
  readonly unit: string;
  /** Summary columns after the stages, read from the manifest once the partition ran. */
  readonly columns?: Readonly<Record<string, SummaryColumn>>;
  /**
   * Finds the partitions to backfill and their inputs (e.g. the files of a source folder); `read`
   * tells what is already loaded (the manifest), for sources that fetch only what is missing.
   */
  readonly findWork: (
    params: z.output<Schema>,
    read: ReadContext,
  ) => Promise<Result<BackfillWork, BackfillWorkProblem>>;
}

function stepSpec<Schema extends z.ZodType<BackfillControls>>(
  declaration: BackfillDeclaration<Schema>,
  params: object,
): StepSpec {
  const { domain, graph, pipelines, windowParameter } = declaration;
  const extraRuns: Record<string, Record<string, unknown>> = {};
  for (const [name, stages] of Object.entries(declaration.extraRunParameters ?? {})) {
    const value = (params as Record<string, unknown>)[name];
    if (value === undefined) continue;
    for (const stage of stages) extraRuns[stage] = { ...extraRuns[stage], [name]: value };
  }
  const spec = { domain, graph, pipelines, extraRuns };
  return windowParameter === undefined ? spec : { ...spec, windowParameter };
}

function windowSizeOf(declaration: { readonly windowParameter?: string }, params: object): unknown {
  const name = declaration.windowParameter;
  return name === undefined ? undefined : (params as Record<string, unknown>)[name];
}

function plannerOf(context: { plan: PipelineContext["plan"] }, force: boolean): StepPlanner {
  return (pipeline, childParams) => context.plan(pipeline, childParams, { force });
}

async function dryRun(
  declaration: BackfillDeclaration<z.ZodType<BackfillControls>>,
  context: PipelineContext,
  params: BackfillControls,
  work: BackfillWork,
): Promise<PipelineOutcome> {
  const spec = stepSpec(declaration, params);
  const force = context.force || params.force;
  const options = { force, windowSize: windowSizeOf(declaration, params) };
  const table = planRows(spec, await planBackfill(plannerOf(context, force), spec, work.partitions, options));
  const runs = table.filter((row) => row.action === "run").length;
  return {
    metrics: {
      [`${declaration.unit}_planned`]: work.partitions.length,
      steps_planned: table.length,
      steps_to_run: runs,
      steps_to_skip: table.length - runs,
    },
    output: { title: "Backfill plan (dry run)", table, ignored_files: work.ignored },
  };
}

async function backfill(
  declaration: BackfillDeclaration<z.ZodType<BackfillControls>>,
  context: PipelineContext,
  params: BackfillControls,
  work: BackfillWork,
): Promise<PipelineOutcome> {
  const options = {
    force: context.force || params.force,
    failFast: params.fail_fast,
    windowSize: windowSizeOf(declaration, params),
    columns: declaration.columns ?? {},
  };
  const outcomes = await runBackfill(context, stepSpec(declaration, params), work.partitions, options);
  await recordGapChecks(context, declaration, work.partitions);
  const summary = summarizeBackfill(
    { partition: declaration.graph.partition, unit: declaration.unit },
    outcomes,
  );
  const warnings = await readBackfillWarnings(
    context.scope,
    context.executionId,
    declaration.graph.partition,
  );
  const output = {
    title: "Backfill summary",
    table: summary.table,
    ignored_files: work.ignored,
    failed: summary.failed,
    warnings,
  };
  const metrics = { ...summary.metrics, ...work.metrics, quality_warnings: warnings.length };
  return summary.failure === null ? { metrics, output } : { metrics, output, failure: summary.failure };
}

// A partition's inputs up to its current one are done (see runBackfill's firstInputIndex).
function inputsToSkip(context: PlanContext, force: boolean) {
  return async (_work: PartitionWork, inputs: readonly BackfillStep[]): Promise<number> => {
    if (force || inputs.length < 2) return 0;
    const actions: Array<"run" | "skip"> = [];
    for (const step of inputs) {
      const plan = await context.plan(step.pipeline, step.params, { force: false }).catch(() => null);
      actions.push(plan?.action ?? "run");
    }
    return firstInputToRun(actions);
  };
}

function queuedBackfill<Schema extends z.ZodType<BackfillControls>>(
  declaration: BackfillDeclaration<Schema>,
): QueuedPipeline<z.output<Schema>> {
  return {
    jobs: async (context, params) => {
      const work = await findSelectedWork(declaration, context, params);
      if (!work.ok) throw new SpineError("SOURCE", work.issues[0]?.message ?? "nothing to backfill");
      const spec = stepSpec(declaration, params);
      const force = context.force || params.force;
      const options = {
        windowSize: windowSizeOf(declaration, params),
        inputsToSkip: inputsToSkip(context, force),
      };
      return {
        domain: declaration.domain,
        jobs: await planBackfillJobs(spec, work.value.partitions, options),
      };
    },
    finish: async (context, params) => {
      const work = await findSelectedWork(declaration, context, params);
      if (work.ok) await recordGapChecks(context, declaration, work.value.partitions);
    },
  };
}

// `only` narrows what the domain found to the partitions in those states.
async function findSelectedWork<Schema extends z.ZodType<BackfillControls>>(
  declaration: BackfillDeclaration<Schema>,
  read: ReadContext,
  params: z.output<Schema>,
): Promise<Result<BackfillWork, BackfillWorkProblem>> {
  const work = await declaration.findWork(params, read);
  if (!work.ok || params.only === undefined) return work;
  const partitions = await selectPartitions(read.scope, declaration, work.value.partitions, params.only);
  return ok({ ...work.value, partitions, metrics: { ...work.value.metrics, only: params.only } });
}

/**
 * Declares a domain's backfill: a pipeline that finds the partitions to load, runs each one's
 * stages in order (done stages skip through the manifest, so a rerun resumes), isolates failures
 * per partition (or stops at the first with `fail_fast`), runs window stages once every partition
 * is loaded, reports progress, and returns a summary table; `dry_run` and `--dry-run` plan instead.
 */
export function defineBackfill<Schema extends z.ZodType<BackfillControls>>(
  declaration: BackfillDeclaration<Schema>,
): PipelineDefinition<Schema> {
  const generic = declaration as unknown as BackfillDeclaration<z.ZodType<BackfillControls>>;
  return definePipeline({
    name: declaration.name,
    description: declaration.description,
    params: declaration.params,
    run: async (context, params) => {
      const work = await findSelectedWork(declaration, context, params);
      if (!work.ok) {
        const [problem] = work.issues;
        return {
          metrics: { [`${declaration.unit}_planned`]: 0 },
          output: { title: "Backfill summary", table: [], ignored_files: problem?.ignored ?? [], failed: [] },
          failure: problem?.message ?? "nothing to backfill",
        };
      }
      return params.dry_run
        ? dryRun(generic, context, params, work.value)
        : backfill(generic, context, params, work.value);
    },
    plan: async (context, params) => {
      const work = await findSelectedWork(declaration, context, params);
      if (!work.ok) throw new SpineError("SOURCE", work.issues[0]?.message ?? "nothing to backfill");
      const spec = stepSpec(declaration, params);
      const force = context.force || params.force;
      const options = { force, windowSize: windowSizeOf(declaration, params) };
      const planned = await planBackfill(plannerOf(context, force), spec, work.value.partitions, options);
      return planned.map((entry) => ({ ...entry.plan, reason: planReason(entry) }));
    },
    queue: queuedBackfill(declaration),
  });
}
