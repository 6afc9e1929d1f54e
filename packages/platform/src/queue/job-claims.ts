import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { CoreTables, QueueJobState } from "../database/core-tables.js";
import type { DeliveredJob } from "./create-job-engine.js";
import type { QueueJobRow } from "./queue-jobs-store.js";

/** Which delivery of a job a worker runs: only that delivery may record how the job ended. */
export interface JobClaim {
  readonly backfillId: string;
  readonly position: number;
  readonly worker: string;
  /** The job's `attempts` once this delivery took it; a later delivery takes it with a higher one. */
  readonly attempt: number;
}

/**
 * Takes a delivered job: sets it running for this worker in one conditional update, so a cancel
 * committed after the worker was handed the job wins. A first delivery takes a queued job only; a
 * redelivery (the engine gave the job out again after an earlier delivery's lease ran out or it
 * failed) may also take it from the earlier, running delivery, whose worker then can no longer
 * record anything. Returns nothing when the job is not this delivery's to run.
 */
export async function takeJob(
  db: Kysely<CoreTables>,
  job: DeliveredJob,
  worker: string,
): Promise<{ readonly row: QueueJobRow; readonly claim: JobClaim } | undefined> {
  const takeable: QueueJobState[] = job.retryCount > 0 ? ["queued", "running"] : ["queued"];
  const row = await db
    .updateTable("core_queue_jobs")
    .set({
      state: "running",
      worker,
      attempts: sql<number>`attempts + 1`,
      updated_at: new Date().toISOString(),
    })
    .where("backfill_id", "=", job.backfillId)
    .where("position", "=", job.position)
    .where("state", "in", takeable)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const claim = { backfillId: job.backfillId, position: job.position, worker, attempt: row.attempts };
  return { row, claim };
}

/**
 * Changes a job only while `claim` still holds it (running, same worker, same attempt): a late
 * worker whose job was taken over changes nothing. Returns whether the job changed.
 */
export async function updateClaimedJob(
  db: Kysely<CoreTables>,
  claim: JobClaim,
  changes: Partial<Omit<QueueJobRow, "backfill_id" | "position">>,
): Promise<boolean> {
  const result = await db
    .updateTable("core_queue_jobs")
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where("backfill_id", "=", claim.backfillId)
    .where("position", "=", claim.position)
    .where("state", "=", "running")
    .where("worker", "=", claim.worker)
    .where("attempts", "=", claim.attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
