import { finishExecution } from "../runtime/execution-writer.js";
import { resolveBackfillId } from "./backfill-status.js";
import { createJobEngine } from "./create-job-engine.js";
import {
  dependentsOf,
  endedStates,
  finishStage,
  lockBackfill,
  readJobs,
  updateJobs,
} from "./queue-jobs-store.js";
import type { QueueRuntime } from "./queue-runtime.js";
import { assertQueueBackend } from "./queue-runtime.js";
import { queueReadyJobs } from "./settle-queued-jobs.js";

/**
 * Cancels a queued backfill: jobs not yet running never run (a worker drops a cancelled job it
 * is handed), jobs running finish; the backfill's execution ends failed, saying so. Returns how
 * many jobs were cancelled.
 */
export async function cancelBackfill(
  runtime: QueueRuntime,
  idOrPrefix: string,
): Promise<{ backfillId: string; cancelled: number }> {
  assertQueueBackend(runtime);
  const backfillId = await resolveBackfillId(runtime.database.db, idOrPrefix);
  return runtime.database.transaction(async (scope) => {
    await lockBackfill(scope.db, backfillId);
    const rows = await readJobs(scope.db, backfillId);
    const open = rows
      .filter((row) => row.state === "waiting" || row.state === "queued")
      .map((row) => row.position);
    await updateJobs(scope.db, backfillId, open, {
      state: "cancelled",
      error: "cancelled by spine backfill cancel",
    });
    const error = "cancelled by spine backfill cancel";
    const end = {
      status: "failed" as const,
      finishedAt: new Date().toISOString(),
      metrics: { jobs_cancelled: open.length },
      error,
      errorStack: null,
    };
    await finishExecution(scope.db, backfillId, end);
    return { backfillId, cancelled: open.filter((position) => rows[position]?.stage !== finishStage).length };
  });
}

/**
 * Runs a backfill's failed jobs again, and the jobs they blocked (and, after a cancel, the
 * cancelled ones): they wait again, the ready ones are queued, and the backfill runs until its
 * closing job ends it anew. Returns how many jobs will run again.
 */
export async function retryBackfill(
  runtime: QueueRuntime,
  idOrPrefix: string,
): Promise<{ backfillId: string; retried: number; queued: number }> {
  assertQueueBackend(runtime);
  const backfillId = await resolveBackfillId(runtime.database.db, idOrPrefix);
  const engine = await createJobEngine(runtime.settings, {
    logger: runtime.logger,
    supervise: false,
    connections: 2,
  });
  try {
    return await runtime.database.transaction(async (scope) => {
      await lockBackfill(scope.db, backfillId);
      const rows = await readJobs(scope.db, backfillId);
      const again = rows
        .filter((row) => ["failed", "blocked", "cancelled"].includes(row.state))
        .map((row) => row.position);
      const finish = rows.filter((row) => row.stage === finishStage && endedStates.includes(row.state));
      const positions = [
        ...new Set([
          ...again,
          ...dependentsOf(rows, again).filter((p) => rows[p]?.state === "blocked"),
          ...finish.map((row) => row.position),
        ]),
      ];
      await updateJobs(scope.db, backfillId, positions, { state: "waiting", error: null });
      await scope.db
        .updateTable("core_executions")
        .set({ status: "running", finished_at: null, error: null })
        .where("id", "=", backfillId)
        .execute();
      const queued = await queueReadyJobs(scope, engine, backfillId);
      return {
        backfillId,
        retried: again.filter((position) => rows[position]?.stage !== finishStage).length,
        queued,
      };
    });
  } finally {
    await engine.stop(false);
  }
}
