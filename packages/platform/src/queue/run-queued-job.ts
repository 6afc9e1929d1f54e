import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import { reapAbandonedExecutions } from "../liveness/reap-abandoned-executions.js";
import { finishExecution } from "../runtime/execution-writer.js";
import type { DeliveredJob, JobEngine } from "./create-job-engine.js";
import type { QueueJobRow } from "./queue-jobs-store.js";
import { endedStates, finishStage, lockBackfill, readJobs, updateJobs } from "./queue-jobs-store.js";
import type { QueueRuntime } from "./queue-runtime.js";
import type { JobEnd } from "./settle-queued-jobs.js";
import { settleJob } from "./settle-queued-jobs.js";

/** What a worker needs to run one job. */
export interface JobRunner {
  readonly runtime: QueueRuntime;
  readonly engine: JobEngine;
  /** Shown in `spine backfill status` as the job's worker. */
  readonly worker: string;
}

async function readParent(runner: JobRunner, backfillId: string) {
  return runner.runtime.database.db
    .selectFrom("core_executions")
    .select(["id", "pipeline", "params", "batch_id", "correlation_id"])
    .where("id", "=", backfillId)
    .executeTakeFirstOrThrow();
}

async function settle(runner: JobRunner, job: DeliveredJob, end: JobEnd): Promise<void> {
  await runner.runtime.database.transaction(async (scope) => {
    await lockBackfill(scope.db, job.backfillId);
    await settleJob(scope, runner.engine, job, end);
  });
}

// The parent ends failed when any job failed, was blocked or cancelled.
async function endBackfill(scope: SqlScope, backfillId: string, failure: string | null): Promise<void> {
  const rows = await readJobs(scope.db, backfillId);
  const counts: Record<string, number> = {};
  for (const row of rows.filter((candidate) => candidate.stage !== finishStage))
    counts[`jobs_${row.state}`] = (counts[`jobs_${row.state}`] ?? 0) + 1;
  const unfinished = (counts.jobs_failed ?? 0) + (counts.jobs_blocked ?? 0) + (counts.jobs_cancelled ?? 0);
  const error = failure ?? (unfinished > 0 ? `${unfinished} job(s) failed, blocked or cancelled` : null);
  await finishExecution(scope.db, backfillId, {
    status: error === null ? "completed" : "failed",
    finishedAt: new Date().toISOString(),
    metrics: counts,
    error,
    errorStack: null,
  });
}

// The backfill's own closing work (gap checks) in its execution, then its end, in one transaction.
async function runFinish(runner: JobRunner, job: DeliveredJob): Promise<void> {
  const { runtime } = runner;
  const parent = await readParent(runner, job.backfillId);
  const pipeline = runtime.registry.getPipeline(parent.pipeline);
  const bound = {
    id: parent.id,
    pipeline: parent.pipeline,
    batchId: parent.batch_id ?? parent.id,
    correlationId: parent.correlation_id ?? parent.id,
  };
  let failure: string | null = null;
  try {
    await runtime.dispatcher.runWithin(
      bound,
      (context) => pipeline.queue?.finish(context, JSON.parse(parent.params)) ?? Promise.resolve(),
    );
  } catch (error) {
    failure = `closing work failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  await runtime.database.transaction(async (scope) => {
    await lockBackfill(scope.db, job.backfillId);
    await updateJobs(scope.db, job.backfillId, [job.position], {
      state: failure ? "failed" : "done",
      error: failure,
      worker: runner.worker,
    });
    await endBackfill(scope, job.backfillId, failure);
  });
}

async function runStep(runner: JobRunner, job: DeliveredJob, row: QueueJobRow): Promise<void> {
  const { runtime, worker } = runner;
  const parent = await readParent(runner, job.backfillId);
  // A worker killed mid-job left its execution running: settle it before running the job again.
  await reapAbandonedExecutions(runtime.database.db, { leaseMs: runtime.settings.leaseMs });
  let end: JobEnd;
  try {
    const execution = await runtime.dispatcher.submit(row.pipeline, JSON.parse(row.params), {
      trigger: "queue",
      lane: "queue",
      parentExecutionId: job.backfillId,
      batchId: parent.batch_id ?? parent.id,
      correlationId: parent.correlation_id ?? parent.id,
      force: row.force === 1,
    });
    const retry = execution.status === "failed" && execution.transient && job.retryCount < job.retryLimit;
    if (retry) {
      await updateJobs(runtime.database.db, job.backfillId, [job.position], {
        state: "queued",
        error: execution.error,
        execution_id: execution.id,
      });
      throw new SpineError("SOURCE", `transient failure, retried later: ${execution.error ?? ""}`, {
        transient: true,
      });
    }
    const state =
      execution.status === "failed" || execution.status === "abandoned"
        ? "failed"
        : execution.status === "skipped"
          ? "skipped"
          : "done";
    end = { state, executionId: execution.id, error: execution.error, worker };
  } catch (error) {
    if (error instanceof SpineError && error.transient) throw error;
    end = {
      state: "failed",
      executionId: null,
      error: error instanceof Error ? error.message : String(error),
      worker,
    };
  }
  await settle(runner, job, end);
}

/**
 * Runs one delivered job: a job already ended (delivered again after its worker died just after
 * settling it) or cancelled is dropped; otherwise the job's stage runs through the dispatcher as
 * an in-process backfill would run it, and its end queues what became ready. A transient failure
 * throws, so the engine retries it with backoff; any other failure is recorded, never retried.
 */
export async function runQueuedJob(runner: JobRunner, job: DeliveredJob): Promise<void> {
  const { db } = runner.runtime.database;
  const row = await db
    .selectFrom("core_queue_jobs")
    .selectAll()
    .where("backfill_id", "=", job.backfillId)
    .where("position", "=", job.position)
    .executeTakeFirst();
  if (row === undefined || endedStates.includes(row.state)) return;
  await updateJobs(db, job.backfillId, [job.position], {
    state: "running",
    worker: runner.worker,
    attempts: row.attempts + 1,
  });
  if (row.stage === finishStage) return runFinish(runner, job);
  return runStep(runner, job, row);
}
