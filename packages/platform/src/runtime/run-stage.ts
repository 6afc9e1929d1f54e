import { findKnownInput, knownInputReason } from "../captures/find-known-input.js";
import { canonicalJson } from "../database/canonical-json.js";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { LockHandle } from "../locks/lock-manager.js";
import type { Logger } from "../logging/logger.js";
import { createManifestReader, manifestStageName, writeManifestEntry } from "../manifest/manifest-store.js";
import type { AnyPipelineDefinition, PartitionDecision } from "../pipeline/pipeline-types.js";
import type { QualityCheckInput } from "../quality/quality-recorder.js";
import type { ChildRunner } from "./create-pipeline-context.js";
import { createPipelineContext } from "./create-pipeline-context.js";
import { finishExecution, setExecutionLogicalKey } from "./execution-writer.js";
import { invalidateDependents } from "./invalidate-dependents.js";
import { createReadContext } from "./plan-pipeline.js";
import type { RuntimeDependencies } from "./runtime-dependencies.js";

/** How a run ended, before it is written to `core_executions`. */
export interface RunEnd {
  readonly status: "completed" | "skipped" | "failed";
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly output: unknown;
  readonly failure?: string;
  /** The lock key the run held, when it was a stage. */
  readonly logicalKey?: string;
  /** When the run's end was recorded in core_executions by the stage's own commit, if it was. */
  readonly recordedAt?: string;
}

// A critical check that fails (and was not marked expected) means the numbers cannot be trusted:
// the stage fails and its writes roll back rather than publishing them as "completed".
function refuseCriticalFailures(checks: readonly QualityCheckInput[]): void {
  const critical = checks.filter(
    (check) => check.severity === "critical" && check.status === "fail" && !check.expected,
  );
  if (critical.length === 0) return;
  const lines = critical.map((check) => `${check.checkName}: ${check.message}`);
  throw new SpineError(
    "PIPELINE_FAILED",
    `Critical quality check failed, nothing was written:\n  ${lines.join("\n  ")}`,
    {
      details: { checks: critical.map((check) => check.checkName) },
    },
  );
}

/** Identity of the execution being run. */
export interface RunIdentity {
  readonly executionId: string;
  readonly batchId: string;
  readonly correlationId: string;
  readonly lane: string;
  readonly force: boolean;
  readonly logicalKey: string | undefined;
  readonly logger: Logger;
}

// A lock that cannot be released (its connection lost, a full disk) is freed when this process
// exits or its lease runs out: a warning, never an error that would hide how the stage ended.
async function releaseQuietly(lock: LockHandle, logger: Logger): Promise<void> {
  try {
    await lock.release();
  } catch (error) {
    logger.warn(
      "cleanup failed: the partition lock could not be released; it is freed when this process exits",
      {
        error: error instanceof Error ? error.message : String(error),
      },
    );
  }
}

/** The partition a stage runs for: its decision, lock key and manifest stage name. */
interface StageTarget {
  readonly decision: PartitionDecision;
  readonly lockKey: string;
  readonly manifestStage: string;
}

/** The pipeline a stage runs, its parameters, and how it runs children. */
/** What one submission runs: the pipeline, its validated params, and how it submits children. */
export interface StageRun {
  readonly pipeline: AnyPipelineDefinition;
  readonly params: Record<string, unknown>;
  readonly children: ChildRunner;
}

/** The stage's own work inside its transaction: run, check, record the manifest, invalidate. */
async function runInTransaction(
  scope: SqlScope,
  dependencies: RuntimeDependencies,
  run: StageRun,
  identity: RunIdentity,
  target: StageTarget,
): Promise<RunEnd> {
  const { pipeline, params, children } = run;
  const stage = pipeline.stage;
  if (!stage) throw new Error("runStage needs a staged pipeline");
  const { decision } = target;
  const partition = {
    domain: stage.domain,
    key: decision.key,
    stage: stage.stage,
    fingerprint: decision.fingerprint ?? null,
  };
  const context = createPipelineContext(
    dependencies,
    {
      ...identity,
      pipeline: pipeline.name,
      scope,
      partition: { ...partition, inputFacts: decision.inputFacts },
    },
    children,
  );
  const outcome = await pipeline.run(context, params);
  if (outcome.failure) throw new SpineError("PIPELINE_FAILED", outcome.failure);
  refuseCriticalFailures(context.quality.recorded());
  const rowCount = outcome.rowCount ?? 0;
  const metrics = { ...outcome.metrics, rowCount };
  const invalidated = await recordInManifest(scope, dependencies, identity, target, {
    ...partition,
    rowCount,
    metrics,
    at: context.now().toISOString(),
  });
  return {
    status: "completed",
    metrics: { ...metrics, ...invalidated },
    output: outcome.output ?? null,
    logicalKey: target.lockKey,
  };
}

/** Writes the stage's manifest entry and marks what its new output makes stale. */
async function recordInManifest(
  scope: SqlScope,
  dependencies: RuntimeDependencies,
  identity: RunIdentity,
  target: StageTarget,
  done: {
    readonly domain: string;
    readonly stage: string;
    readonly fingerprint: string | null;
    readonly rowCount: number;
    readonly metrics: Record<string, unknown>;
    readonly at: string;
  },
): Promise<Record<string, unknown>> {
  const { decision } = target;
  const { executionId, batchId, logger } = identity;
  const entry = { ...done, key: decision.key, partition: decision.key, stage: target.manifestStage };
  await writeManifestEntry(scope.db, { ...entry, executionId, batchId }, done.at);
  if (decision.sideBySide) return {};
  const stage = { domain: done.domain, stage: done.stage };
  return invalidateDependents(scope, dependencies, stage, decision.key, { logger, executionId, at: done.at });
}

function skipped(reason: string, lockKey: string): RunEnd {
  return { status: "skipped", metrics: { skippedBecause: reason }, output: null, logicalKey: lockKey };
}

/** The end of a stage that need not run: done with the same input, or its input already loaded. */
async function skippedEnd(
  dependencies: RuntimeDependencies,
  domain: string,
  stageName: string,
  identity: RunIdentity,
  target: StageTarget,
): Promise<RunEnd | null> {
  const { database } = dependencies;
  const { decision, lockKey } = target;
  const existing = await createManifestReader(database.db).get(domain, decision.key, target.manifestStage);
  const sameInput = decision.fingerprint === undefined || existing?.fingerprint === decision.fingerprint;
  if (existing && sameInput && !identity.force) {
    identity.logger.info("stage already done; skipped", { partition: decision.key, stage: stageName });
    return skipped(`done by execution ${existing.executionId}`, lockKey);
  }
  if (!existing || identity.force) return null;
  const stageKey = { domain, partition: decision.key, stage: stageName };
  const known = await findKnownInput(database.db, stageKey, decision.fingerprint);
  if (!known) return null;
  identity.logger.info("input already loaded; skipped", {
    partition: decision.key,
    capture: known.captureId,
  });
  return skipped(knownInputReason(known), lockKey);
}

/** Runs the stage and publishes it in one transaction, which also records its end and frees its lock. */
async function runAndPublish(
  dependencies: RuntimeDependencies,
  run: StageRun,
  identity: RunIdentity,
  target: StageTarget,
  lock: LockHandle,
): Promise<RunEnd> {
  return dependencies.database.transaction(async (scope) => {
    for (const setting of scope.sql.stageTransactionSettings) await setting.execute(scope.db);
    const completed = await runInTransaction(scope, dependencies, run, identity, target);
    // The commit that publishes the stage also records its end and frees its partition: a
    // failure to write just after it (a full disk) can then leave nothing stale behind.
    const finishedAt = (dependencies.now ?? (() => new Date()))().toISOString();
    await finishExecution(scope.db, identity.executionId, {
      status: "completed",
      finishedAt,
      metrics: completed.metrics,
      error: null,
      errorStack: null,
    });
    await lock.releaseWithin?.(scope.db);
    return { ...completed, recordedAt: finishedAt };
  });
}

/**
 * Runs one stage for one partition: lock the partition, consult the manifest (skip when done with
 * the same input unless forced), then run, record the manifest and invalidate later stages, all in
 * one transaction so a failure leaves nothing behind.
 */
export async function runStage(
  dependencies: RuntimeDependencies,
  run: StageRun,
  identity: RunIdentity,
): Promise<RunEnd> {
  const { pipeline, params } = run;
  const stage = pipeline.stage;
  if (!stage) throw new Error("runStage needs a staged pipeline");
  const decision = await stage.partition(params, createReadContext(dependencies, identity.logger));
  const lockKey = identity.logicalKey ?? `${stage.domain}:${canonicalJson(decision.key)}`;
  await setExecutionLogicalKey(dependencies.database.db, identity.executionId, lockKey);
  const lock = await dependencies.locks.acquire(lockKey, identity.executionId, dependencies.lockTimeoutMs);
  let settled = false;
  try {
    const target = { decision, lockKey, manifestStage: manifestStageName(stage.stage, decision.variant) };
    const skip = await skippedEnd(dependencies, stage.domain, stage.stage, identity, target);
    if (skip) return skip;
    const end = await runAndPublish(dependencies, run, identity, target, lock);
    settled = lock.releaseWithin !== undefined;
    return end;
  } finally {
    if (!settled) await releaseQuietly(lock, identity.logger);
  }
}
