import type { SqlScope } from "../database/spine-database.js";
import type { PipelineContext } from "../pipeline/pipeline-types.js";
import type { ChildRunner } from "./create-pipeline-context.js";
import { createPipelineContext } from "./create-pipeline-context.js";
import type { Execution, PlanStep, SubmitOptions } from "./execution.js";
import { planPipeline } from "./plan-pipeline.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";
import { submitPipeline } from "./submit-pipeline.js";

/** Submits pipelines and plans dry runs. */
export interface Dispatcher {
  /**
   * Validates parameters (throws VALIDATION listing every bad one), records an execution and runs
   * it. A pipeline failure does not throw: it comes back as an execution with status `failed`.
   */
  submit(
    pipeline: string,
    params: Readonly<Record<string, unknown>>,
    options?: SubmitOptions,
  ): Promise<Execution>;
  /** What `submit` would do, writing nothing. */
  plan(
    pipeline: string,
    params: Readonly<Record<string, unknown>>,
    options?: { force?: boolean },
  ): Promise<PlanStep>;
  /**
   * Runs `work` with a context bound to an execution already recorded (a queued backfill's end),
   * writing through `scope` (a transaction of the caller's) when given.
   */
  runWithin<T>(
    execution: BoundExecution,
    work: (context: PipelineContext) => Promise<T>,
    scope?: SqlScope,
  ): Promise<T>;
}

/** An execution recorded earlier, to bind a context to. */
export interface BoundExecution {
  readonly id: string;
  readonly pipeline: string;
  readonly batchId: string;
  readonly correlationId: string;
}

/** Creates the dispatcher over explicit dependencies. */
export function createDispatcher(dependencies: RuntimeDependencies): Dispatcher {
  const children: ChildRunner = {
    submit: (pipeline, params, options) => dispatcher.submit(pipeline, params, options),
    plan: (pipeline, params, options) => dispatcher.plan(pipeline, params, options),
  };

  const dispatcher: Dispatcher = {
    plan: (pipeline, params, options = {}) => planPipeline(dependencies, pipeline, params, options),
    runWithin: (execution, work, scope = dependencies.database) => {
      const logger = dependencies.logger.child({ execution_id: execution.id, pipeline: execution.pipeline });
      const binding = { ...execution, executionId: execution.id, force: false, lane: "queue", logger };
      const scoped = { ...binding, scope, partition: null };
      return work(createPipelineContext(dependencies, scoped, children));
    },
    submit: (pipeline, params, options = {}) =>
      submitPipeline(dependencies, children, { pipeline, params }, options),
  };
  return dispatcher;
}
