import type { SqlScope } from "../database/spine-database.js";
import { resolveBackfillId } from "./backfill-status.js";
import type { JobEngine } from "./create-job-engine.js";
import { createJobEngine } from "./create-job-engine.js";
import { cancelledError, endBackfill } from "./end-backfill.js";
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

async function withEngine<T>(runtime: QueueRuntime, work: (engine: JobEngine) => Promise<T>): Promise<T> {
  const engine = await createJobEngine(runtime.settings, {
    logger: runtime.logger,
    supervise: false,
    connections: 2,
  });
  try {
    return await work(engine);
  } finally {
    await engine.stop(false);
  }
}

/**
 * Cancels a queued backfill: jobs not yet running are cancelled, here and in the job engine, so
 * they never run; jobs running finish. The backfill's execution ends (`cancelled`, or `failed`
 * when a job also failed) once no job runs: now when none does, else by its closing job after the last
 * running one. Returns how many jobs were cancelled; none once the backfill ended.
 */
export async function cancelBackfill(
  runtime: QueueRuntime,
  idOrPrefix: string,
): Promise<{ backfillId: string; cancelled: number }> {
  assertQueueBackend(runtime);
  const backfillId = await resolveBackfillId(runtime.database.db, idOrPrefix);
  return withEngine(runtime, (engine) =>
    runtime.database.transaction(async (scope) => {
      await lockBackfill(scope.db, backfillId);
      const parent = await readParentStatus(scope, backfillId);
      if (parent !== "running") return { backfillId, cancelled: 0 };
      const rows = await readJobs(scope.db, backfillId);
      const open = rows.filter(
        (row) => (row.state === "waiting" || row.state === "queued") && row.stage !== finishStage,
      );
      const positions = open.map((row) => row.position);
      await updateJobs(scope.db, backfillId, positions, { state: "cancelled", error: cancelledError });
      const engineJobIds = open.flatMap((row) =>
        row.state === "queued" && row.engine_job_id ? [row.engine_job_id] : [],
      );
      await engine.cancel(scope, rows[0]?.domain ?? "", engineJobIds);
      if (!rows.some((row) => row.state === "running")) {
        const finish = rows.filter((row) => row.stage === finishStage).map((row) => row.position);
        await updateJobs(scope.db, backfillId, finish, { state: "cancelled", error: cancelledError });
        await endBackfill(scope, backfillId, null);
      }
      return { backfillId, cancelled: open.length };
    }),
  );
}

async function readParentStatus(scope: SqlScope, backfillId: string): Promise<string | undefined> {
  const parent = await scope.db
    .selectFrom("core_executions")
    .select("status")
    .where("id", "=", backfillId)
    .executeTakeFirst();
  return parent?.status;
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
  return withEngine(runtime, (engine) =>
    runtime.database.transaction(async (scope) => {
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
    }),
  );
}
