import { SpineError } from "../errors/spine-error.js";
import { reapAbandonedExecutions } from "../liveness/reap-abandoned-executions.js";
import type { Execution } from "../runtime/execution.js";
import type { DeliveredJob } from "./create-job-engine.js";
import type { JobClaim } from "./job-claims.js";
import { takeJob, updateClaimedJob } from "./job-claims.js";
import type { JobRunner } from "./job-runner.js";
import type { QueueJobRow } from "./queue-jobs-store.js";
import { finishStage, lockBackfill } from "./queue-jobs-store.js";
import { runFinishJob } from "./run-finish-job.js";
import type { JobEnd } from "./settle-queued-jobs.js";
import { settleJob } from "./settle-queued-jobs.js";

async function settle(runner: JobRunner, claim: JobClaim, end: JobEnd): Promise<void> {
  const recorded = await runner.runtime.database.transaction(async (scope) => {
    await lockBackfill(scope.db, claim.backfillId);
    return settleJob(scope, runner.engine, claim, end);
  });
  if (!recorded)
    runner.runtime.logger.warn("job taken over by a later delivery; its end here is not recorded", {
      backfill_id: claim.backfillId,
      position: claim.position,
      state: end.state,
    });
}

// A lock timeout means another delivery of the job (whose lease ran out) still holds the
// partition: it passes once that one ends, so it is retried like a source's 503.
function mayPassLater(execution: Execution): boolean {
  return execution.status === "failed" && (execution.transient || execution.errorCode === "LOCK_TIMEOUT");
}

function endOf(execution: Execution): JobEnd {
  const failed = execution.status === "failed" || execution.status === "abandoned";
  const state = failed ? "failed" : execution.status === "skipped" ? "skipped" : "done";
  return { state, executionId: execution.id, error: execution.error };
}

async function runStep(runner: JobRunner, job: DeliveredJob, row: QueueJobRow, claim: JobClaim) {
  const { runtime } = runner;
  const { db } = runtime.database;
  const parent = await db
    .selectFrom("core_executions")
    .select(["id", "batch_id", "correlation_id"])
    .where("id", "=", job.backfillId)
    .executeTakeFirstOrThrow();
  // A worker killed mid-job left its execution running: settle it before running the job again.
  await reapAbandonedExecutions(db, { leaseMs: runtime.settings.leaseMs });
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
    if (mayPassLater(execution) && job.retryCount < job.retryLimit) {
      const requeue = { state: "queued" as const, error: execution.error, execution_id: execution.id };
      // Taken over meanwhile: the later delivery decides, this one neither retries nor records.
      if (!(await updateClaimedJob(db, claim, requeue))) return;
      throw new SpineError("SOURCE", `transient failure, retried later: ${execution.error ?? ""}`, {
        transient: true,
      });
    }
    end = endOf(execution);
  } catch (error) {
    if (error instanceof SpineError && error.transient) throw error;
    end = {
      state: "failed",
      executionId: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  await settle(runner, claim, end);
}

/**
 * Runs one delivered job. It is taken in one conditional update (see takeJob): a job already
 * ended, cancelled, or held by a live delivery is dropped. Otherwise the job's stage runs through
 * the dispatcher as an in-process backfill would run it, and its end, recorded only while this
 * delivery still holds the job, queues what became ready. A transient failure (or a lock
 * timeout) throws, so the engine retries it with backoff; any other failure is recorded, never
 * retried.
 */
export async function runQueuedJob(runner: JobRunner, job: DeliveredJob): Promise<void> {
  const taken = await takeJob(runner.runtime.database.db, job, runner.worker);
  if (taken === undefined) return;
  if (taken.row.stage === finishStage) return runFinishJob(runner, taken.claim);
  return runStep(runner, job, taken.row, taken.claim);
}
