import { randomUUID } from "node:crypto";
import type { SpineErrorCode } from "../errors/spine-error.js";
import { isSpineError, isTransientError } from "../errors/spine-error.js";
import { processOwner } from "../liveness/process-instance.js";
import { reapAbandonedExecutions } from "../liveness/reap-abandoned-executions.js";
import type { Logger } from "../logging/logger.js";
import type { AnyPipelineDefinition } from "../pipeline/pipeline-types.js";
import type { ChildRunner } from "./create-pipeline-context.js";
import { createPipelineContext } from "./create-pipeline-context.js";
import type { Execution, SubmitOptions } from "./execution.js";
import { finishExecution, insertExecution, markExecutionRunning } from "./execution-writer.js";
import type { RunEnd, RunIdentity, StageRun } from "./run-stage.js";
import { runStage } from "./run-stage.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";
import { validateOrThrow } from "./validate-or-throw.js";

async function runUnstaged(
  dependencies: RuntimeDependencies,
  { pipeline, params, children }: StageRun,
  identity: RunIdentity,
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
  const output = outcome.output ?? null;
  if (outcome.failure) return { status: "failed", metrics, output, failure: outcome.failure };
  if (outcome.skipped)
    return { status: "skipped", metrics: { ...metrics, skipped: outcome.skipped }, output };
  return { status: "completed", metrics, output };
}

/** How a run ended, with what core_executions records of a failure. */
interface Ended {
  readonly end: RunEnd;
  readonly errorStack: string | null;
  readonly errorCode: SpineErrorCode | null;
  readonly transient: boolean;
}

// Expected failures come back as values; a thrown error (a bug, a SpineError) is described here.
async function runToEnd(
  dependencies: RuntimeDependencies,
  run: StageRun,
  identity: RunIdentity,
): Promise<Ended> {
  try {
    const end = run.pipeline.stage
      ? await runStage(dependencies, run, identity)
      : await runUnstaged(dependencies, run, identity);
    const errorCode = end.status === "failed" ? "PIPELINE_FAILED" : null;
    return { end, errorStack: null, errorCode, transient: false };
  } catch (error) {
    const code = isSpineError(error) ? error.code : "PIPELINE_FAILED";
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? (error.stack ?? null) : null;
    identity.logger.error("execution failed", { error: message, code, stack });
    const end: RunEnd = { status: "failed", metrics: {}, output: null, failure: message };
    return { end, errorStack: stack, errorCode: code, transient: isTransientError(error) };
  }
}

/** The execution's row, written before it runs, and the identity its run carries. */
async function recordStart(
  dependencies: RuntimeDependencies,
  pipeline: AnyPipelineDefinition,
  params: Record<string, unknown>,
  options: SubmitOptions,
) {
  const now = dependencies.now ?? (() => new Date());
  const id = (dependencies.createId ?? randomUUID)();
  const batchId = options.batchId ?? id;
  const correlationId = options.correlationId ?? id;
  const trigger = options.trigger ?? "api";
  const lane = options.lane ?? "default";
  const parentExecutionId = options.parentExecutionId ?? null;
  const logger: Logger = dependencies.logger.child({
    execution_id: id,
    pipeline: pipeline.name,
    batch_id: batchId,
    correlation_id: correlationId,
  });
  const { db } = dependencies.database;
  const recorded = { id, pipeline: pipeline.name, params, trigger, lane, parentExecutionId };
  await insertExecution(db, {
    ...recorded,
    batchId,
    correlationId,
    createdAt: now().toISOString(),
    owner: processOwner,
  });
  dependencies.heartbeat?.trackExecution(id);
  const startedAt = now().toISOString();
  await markExecutionRunning(db, id, startedAt);
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
  return { ...recorded, startedAt, identity };
}

/** Records the run's end (unless a stage's own commit did) and stops tracking it; returns when it ended. */
async function recordEnd(dependencies: RuntimeDependencies, id: string, ended: Ended): Promise<string> {
  const { end, errorStack } = ended;
  const finishedAt = end.recordedAt ?? (dependencies.now ?? (() => new Date()))().toISOString();
  const untrack = () => dependencies.heartbeat?.untrackExecution(id);
  if (end.recordedAt !== undefined) {
    untrack();
    return finishedAt;
  }
  const { status, metrics } = end;
  const error = end.failure ?? null;
  await finishExecution(dependencies.database.db, id, {
    status,
    finishedAt,
    metrics,
    error,
    errorStack,
  }).finally(untrack);
  return finishedAt;
}

/**
 * Validates, records and runs one submission (see Dispatcher.submit): the execution's row first,
 * then the run, then its end, unless a stage's own commit already recorded it.
 */
export async function submitPipeline(
  dependencies: RuntimeDependencies,
  children: ChildRunner,
  request: { readonly pipeline: string; readonly params: Readonly<Record<string, unknown>> },
  options: SubmitOptions,
): Promise<Execution> {
  const pipeline = dependencies.registry.getPipeline(request.pipeline);
  const params = validateOrThrow(pipeline, request.params) as Record<string, unknown>;
  const now = dependencies.now ?? (() => new Date());
  // A top-level run first settles what dead processes left running.
  if (options.parentExecutionId === undefined && dependencies.heartbeat)
    await reapAbandonedExecutions(dependencies.database.db, {
      leaseMs: dependencies.heartbeat.leaseMs,
      now: now(),
    });
  const started = await recordStart(dependencies, pipeline, params, options);
  const { id, identity } = started;
  const ended = await runToEnd(dependencies, { pipeline, params, children }, identity);
  const finishedAt = await recordEnd(dependencies, id, ended);
  const { end, errorCode, transient } = ended;
  const { status, metrics } = end;
  identity.logger.info("execution finished", { status, metrics });
  return {
    id,
    pipeline: pipeline.name,
    status,
    params,
    trigger: started.trigger,
    lane: started.lane,
    logicalKey: end.logicalKey ?? options.logicalKey ?? null,
    parentExecutionId: started.parentExecutionId,
    batchId: identity.batchId,
    correlationId: identity.correlationId,
    startedAt: started.startedAt,
    finishedAt,
    error: end.failure ?? null,
    errorCode,
    transient,
    metrics,
    output: end.output,
  };
}
