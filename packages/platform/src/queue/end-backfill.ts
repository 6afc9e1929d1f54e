import type { SqlScope } from "../database/spine-database.js";
import { finishExecution } from "../runtime/execution-writer.js";
import { finishStage, readJobs } from "./queue-jobs-store.js";

/** The error a cancelled backfill ends with. */
export const cancelledError = "cancelled by spine backfill cancel";

function errorOf(counts: Readonly<Record<string, number>>, failure: string | null): string | null {
  if (failure !== null) return failure;
  const failed = (counts.jobs_failed ?? 0) + (counts.jobs_blocked ?? 0);
  const cancelled = counts.jobs_cancelled ?? 0;
  if (failed > 0) return `${failed + cancelled} job(s) failed, blocked or cancelled`;
  return cancelled > 0 ? `${cancelledError}: ${cancelled} job(s) cancelled` : null;
}

/**
 * Ends a queued backfill's parent execution with its jobs' counts: `completed`; `failed` when
 * `failure` says so or any job failed or was blocked; else `cancelled` when a cancel kept jobs from
 * running. Call once no job runs, in a transaction that holds lockBackfill.
 */
export async function endBackfill(
  scope: SqlScope,
  backfillId: string,
  failure: string | null,
): Promise<void> {
  const rows = await readJobs(scope.db, backfillId);
  const counts: Record<string, number> = {};
  for (const row of rows.filter((candidate) => candidate.stage !== finishStage))
    counts[`jobs_${row.state}`] = (counts[`jobs_${row.state}`] ?? 0) + 1;
  const error = errorOf(counts, failure);
  const failed = failure !== null || (counts.jobs_failed ?? 0) + (counts.jobs_blocked ?? 0) > 0;
  await finishExecution(scope.db, backfillId, {
    status: error === null ? "completed" : failed ? "failed" : "cancelled",
    finishedAt: new Date().toISOString(),
    metrics: counts,
    error,
    errorStack: null,
  });
}
