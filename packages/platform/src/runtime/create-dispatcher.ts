import { randomUUID } from "node:crypto";
import type { SqlScope } from "../database/spine-database.js";
import type { SpineErrorCode } from "../errors/spine-error.js";
import { isSpineError, isTransientError } from "../errors/spine-error.js";
import { processOwner } from "../liveness/process-instance.js";
import { reapAbandonedExecutions } from "../liveness/reap-abandoned-executions.js";
import type { AnyPipelineDefinition, PipelineContext } from "../pipeline/pipeline-types.js";
import type { ChildRunner } from "./create-pipeline-context.js";
import { createPipelineContext } from "./create-pipeline-context.js";
import type { Execution, PlanStep, SubmitOptions } from "./execution.js";
import { finishExecution, insertExecution, markExecutionRunning } from "./execution-writer.js";
import { planPipeline } from "./plan-pipeline.js";
import type { RunEnd, RunIdentity } from "./run-stage.js";
import { runStage } from "./run-stage.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";
import { validateOrThrow } from "./validate-or-throw.js";

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

async function runUnstaged(
  dependencies: RuntimeDependencies,
  pipeline: AnyPipelineDefinition,
  params: Record<string, unknown>,
  identity: RunIdentity,
  children: ChildRunner,
): Promise<RunEnd> {
  const context = createPipelineContext(
    dependencies,
    { ...identity, pipeline: pipeline.name, scope: dependencies.database, partition: null },
    children,
  );
  const outcome = await pipeline.run(context, params);
  const metrics = {
    ...outcome.metrics,
    ...(outcome.rowCount === undefined ? {} : { rowCount: outcome.rowCount }),
  };
  if (outcome.failure)
    return { status: "failed", metrics, output: outcome.output ?? null, failure: outcome.failure };
  if (outcome.skipped)
    return {
      status: "skipped",
      metrics: { ...metrics, skipped: outcome.skipped },
      output: outcome.output ?? null,
    };
  return { status: "completed", metrics, output: outcome.output ?? null };
}

interface FailureDescription {
  readonly message: string;
  readonly stack: string | null;
  readonly code: SpineErrorCode;
  readonly transient: boolean;
}

function describeFailure(error: unknown): FailureDescription {
  const code = isSpineError(error) ? error.code : "PIPELINE_FAILED";
  const transient = isTransientError(error);
  if (error instanceof Error) return { message: error.message, stack: error.stack ?? null, code, transient };
  return { message: String(error), stack: null, code, transient };
}

/** Creates the dispatcher over explicit dependencies. */
export function createDispatcher(dependencies: RuntimeDependencies): Dispatcher {
  const now = dependencies.now ?? (() => new Date());
  const createId = dependencies.createId ?? randomUUID;
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
    async submit(pipelineName, rawParams, options = {}) {
      const pipeline = dependencies.registry.getPipeline(pipelineName);
      const params = validateOrThrow(pipeline, rawParams) as Record<string, unknown>;
      const { database } = dependencies;
      // A top-level run first settles what dead processes left running.
      if (options.parentExecutionId === undefined && dependencies.heartbeat)
        await reapAbandonedExecutions(database.db, { leaseMs: dependencies.heartbeat.leaseMs, now: now() });
      const id = createId();
      const batchId = options.batchId ?? id;
      const correlationId = options.correlationId ?? id;
      const trigger = options.trigger ?? "api";
      const lane = options.lane ?? "default";
      const parentExecutionId = options.parentExecutionId ?? null;
      const logger = dependencies.logger.child({
        execution_id: id,
        pipeline: pipeline.name,
        batch_id: batchId,
        correlation_id: correlationId,
      });
      await insertExecution(database.db, {
        id,
        pipeline: pipeline.name,
        params,
        trigger,
        lane,
        parentExecutionId,
        batchId,
        correlationId,
        createdAt: now().toISOString(),
        owner: processOwner,
      });
      dependencies.heartbeat?.trackExecution(id);
      const startedAt = now().toISOString();
      await markExecutionRunning(database.db, id, startedAt);
      logger.info("execution started", { params, trigger, parent_execution_id: parentExecutionId });
      const identity: RunIdentity = {
        executionId: id,
        batchId,
        correlationId,
        lane,
        force: options.force ?? false,
        logicalKey: options.logicalKey,
        logger,
      };
      let end: RunEnd;
      let errorStack: string | null = null;
      let errorCode: SpineErrorCode | null = null;
      let transient = false;
      try {
        end = pipeline.stage
          ? await runStage(dependencies, pipeline, params, identity, children)
          : await runUnstaged(dependencies, pipeline, params, identity, children);
        if (end.status === "failed") errorCode = "PIPELINE_FAILED";
      } catch (error) {
        const failure = describeFailure(error);
        end = { status: "failed", metrics: {}, output: null, failure: failure.message };
        errorStack = failure.stack;
        errorCode = failure.code;
        transient = failure.transient;
        logger.error("execution failed", {
          error: failure.message,
          code: failure.code,
          stack: failure.stack,
        });
      }
      const finishedAt = end.recordedAt ?? now().toISOString();
      const error = end.failure ?? null;
      if (end.recordedAt === undefined)
        await finishExecution(database.db, id, {
          status: end.status,
          finishedAt,
          metrics: end.metrics,
          error,
          errorStack,
        }).finally(() => dependencies.heartbeat?.untrackExecution(id));
      else dependencies.heartbeat?.untrackExecution(id);
      logger.info("execution finished", { status: end.status, metrics: end.metrics });
      return {
        id,
        pipeline: pipeline.name,
        status: end.status,
        params,
        trigger,
        lane,
        logicalKey: end.logicalKey ?? options.logicalKey ?? null,
        parentExecutionId,
        batchId,
        correlationId,
        startedAt,
        finishedAt,
        error,
        errorCode,
        transient,
        metrics: end.metrics,
        output: end.output,
      };
    },
  };
  return dispatcher;
}
