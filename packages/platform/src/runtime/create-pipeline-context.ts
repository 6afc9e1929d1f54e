import { resolve } from "node:path";
import { canonicalJson } from "../database/canonical-json.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { Logger } from "../logging/logger.js";
import { createManifestReader, invalidateStages } from "../manifest/manifest-store.js";
import type { PartitionKey } from "../pipeline/partition.js";
import type { PipelineContext, ProgressUpdate } from "../pipeline/pipeline-types.js";
import { createQualityRecorder } from "../quality/quality-recorder.js";
import { createRejectRecorder } from "../rejects/reject-recorder.js";
import { invalidateLaterWindows } from "../stages/invalidate-later-windows.js";
import type { Execution, PlanStep, SubmitOptions } from "./execution.js";
import { runExclusive } from "./run-exclusive.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";

/** Who is running and where, to bind into a context. */
export interface ContextBinding {
  readonly executionId: string;
  readonly batchId: string;
  readonly correlationId: string;
  readonly pipeline: string;
  readonly force: boolean;
  readonly lane: string;
  readonly scope: SqlScope;
  readonly logger: Logger;
  readonly partition: {
    domain: string;
    key: PartitionKey;
    stage: string;
    fingerprint: string | null;
    inputFacts?: unknown;
  } | null;
}

/** How a context reaches back into the dispatcher for children. */
export interface ChildRunner {
  submit(
    pipeline: string,
    params: Readonly<Record<string, unknown>>,
    options: SubmitOptions,
  ): Promise<Execution>;
  plan(
    pipeline: string,
    params: Readonly<Record<string, unknown>>,
    options: { force?: boolean },
  ): Promise<PlanStep>;
}

type Clock = () => Date;

// A stage holds its transaction (and SQLite's only connection) until it returns: it runs no children.
function childSubmit(binding: ContextBinding, children: ChildRunner): PipelineContext["submit"] {
  return async (pipeline, params, options = {}) => {
    if (binding.partition)
      throw new SpineError(
        "INTERNAL",
        `${binding.pipeline} is a stage and cannot submit child pipeline ${pipeline}.`,
      );
    return children.submit(pipeline, params, {
      trigger: "parent",
      lane: options.lane ?? binding.lane,
      parentExecutionId: binding.executionId,
      batchId: binding.batchId,
      correlationId: binding.correlationId,
      force: options.force ?? false,
    });
  };
}

function invalidate(binding: ContextBinding, now: Clock): PipelineContext["invalidate"] {
  return async ({ domain, partition: target, stages, reason }) => {
    const owner = domain ?? binding.partition?.domain;
    if (!owner)
      throw new SpineError(
        "INTERNAL",
        `${binding.pipeline} must name the domain whose stages it invalidates.`,
      );
    const mark = {
      reason: reason ?? `invalidated by ${binding.pipeline} (execution ${binding.executionId})`,
      at: now().toISOString(),
    };
    const removed = await invalidateStages(binding.scope.db, owner, target, stages, mark);
    if (removed.length > 0) binding.logger.info("invalidated stages", { partition: target, stages: removed });
    return removed;
  };
}

function invalidateWindows(
  dependencies: RuntimeDependencies,
  binding: ContextBinding,
  now: Clock,
): PipelineContext["invalidateLaterWindows"] {
  return async ({ domain, partition: target, stages, reason }) => {
    const owner = domain ?? binding.partition?.domain;
    const graph = owner ? dependencies.registry.getDomain(owner).graph : undefined;
    if (!owner || !graph) return 0;
    const changed = `${stages.join(", ")} of ${canonicalJson(target)} changed`;
    const mark = {
      reason: reason ?? `${changed} (${binding.pipeline}, execution ${binding.executionId})`,
      at: now().toISOString(),
    };
    const windows = { domain: owner, graph, partition: target, changedStages: stages, mark };
    const removed = await invalidateLaterWindows(binding.scope.db, windows);
    if (removed > 0) binding.logger.info("invalidated later windows", { partition: target, removed });
    return removed;
  };
}

function exclusive(dependencies: RuntimeDependencies, binding: ContextBinding): PipelineContext["exclusive"] {
  return async (target, work) => {
    if (binding.partition)
      throw new SpineError("INTERNAL", `${binding.pipeline} is a stage and already holds its partition.`);
    const domain = target.domain;
    if (!domain)
      throw new SpineError("INTERNAL", `${binding.pipeline} must name the domain of the partition it locks.`);
    return runExclusive(dependencies, binding.executionId, { domain, partition: target.partition }, work);
  };
}

/** Builds the {@link PipelineContext} handed to `run`, bound to one execution. */
export function createPipelineContext(
  dependencies: RuntimeDependencies,
  binding: ContextBinding,
  children: ChildRunner,
): PipelineContext {
  const now = dependencies.now ?? (() => new Date());
  const lineage = { executionId: binding.executionId, batchId: binding.batchId, now };
  const partition = binding.partition;
  return {
    executionId: binding.executionId,
    batchId: binding.batchId,
    pipeline: binding.pipeline,
    force: binding.force,
    landingDirectory: dependencies.landingDirectory ?? resolve("spine-landing"),
    environment: dependencies.environment ?? process.env,
    partition,
    scope: binding.scope,
    logger: binding.logger,
    manifest: createManifestReader(binding.scope.db),
    rejects: createRejectRecorder(
      binding.scope,
      lineage,
      partition ? { domain: partition.domain, partition: partition.key, stage: partition.stage } : null,
    ),
    quality: createQualityRecorder(
      binding.scope,
      lineage,
      partition ? { domain: partition.domain, partition: partition.key } : null,
    ),
    submit: childSubmit(binding, children),
    plan: (pipeline, params, options = {}) =>
      children.plan(pipeline, params, { force: options.force ?? binding.force }),
    progress: (update: ProgressUpdate) => {
      binding.logger.debug("progress", { ...update });
      dependencies.onProgress?.({ ...update, executionId: binding.executionId, pipeline: binding.pipeline });
    },
    invalidate: invalidate(binding, now),
    invalidateLaterWindows: invalidateWindows(dependencies, binding, now),
    exclusive: exclusive(dependencies, binding),
    now,
  };
}
