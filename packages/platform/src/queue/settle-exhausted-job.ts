import type { JobEngine, QueuedJobData } from "./create-job-engine.js";
import { endBackfill } from "./end-backfill.js";
import { finishStage, lockBackfill } from "./queue-jobs-store.js";
import type { QueueRuntime } from "./queue-runtime.js";
import { continueAfterJob } from "./settle-queued-jobs.js";

/**
 * Settles a job the engine gave up on (its retries ran out, or every delivery outlived its lease,
 * as when the workers running it die): it fails, the jobs waiting for it are blocked, and once
 * nothing else runs the closing job ends the backfill failed, so `--wait` returns. A job that
 * ended meanwhile is left as it ended, and so is one queued again since (`backfill retry`): the
 * dead letter names the engine job it stands for.
 */
export async function settleExhaustedJob(
  runtime: QueueRuntime,
  engine: JobEngine,
  job: QueuedJobData,
): Promise<void> {
  await runtime.database.transaction(async (scope) => {
    await lockBackfill(scope.db, job.backfillId);
    const error =
      "the job engine gave up on it: every delivery failed or outlived its lease (SPINE_QUEUE_RETRY_LIMIT)";
    const failed = await scope.db
      .updateTable("core_queue_jobs")
      .set({
        state: "failed",
        error,
        updated_at: new Date().toISOString(),
      })
      .where("backfill_id", "=", job.backfillId)
      .where("position", "=", job.position)
      .where("state", "in", ["queued", "running"])
      .$if(job.sentAs !== undefined, (query) => query.where("engine_job_id", "=", job.sentAs ?? ""))
      .returning("stage")
      .executeTakeFirst();
    if (failed === undefined) return;
    if (failed.stage === finishStage) await endBackfill(scope, job.backfillId, `closing job: ${error}`);
    else await continueAfterJob(scope, engine, job, "failed");
  });
}
