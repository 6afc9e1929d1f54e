import type { QueueJobState } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import type { JobEngine } from "./create-job-engine.js";
import type { JobClaim } from "./job-claims.js";
import { updateClaimedJob } from "./job-claims.js";
import type { QueueJobRow } from "./queue-jobs-store.js";
import {
  dependenciesOf,
  dependentsOf,
  endedStates,
  finishStage,
  readJobs,
  updateJobs,
} from "./queue-jobs-store.js";

const finishedWell: readonly QueueJobState[] = ["done", "skipped"];

// A waiting job is ready once every job it waits for is done; the closing job once all others ended.
function isReady(
  row: QueueJobRow,
  byPosition: ReadonlyMap<number, QueueJobRow>,
  rows: readonly QueueJobRow[],
) {
  if (row.state !== "waiting") return false;
  if (row.stage === finishStage)
    return rows.every((other) => other === row || endedStates.includes(other.state));
  return dependenciesOf(row).every((position) => {
    const state = byPosition.get(position)?.state;
    return state !== undefined && finishedWell.includes(state);
  });
}

/**
 * Queues the backfill's waiting jobs that became ready, in the caller's transaction (the engine's
 * job rows commit with it). Returns how many were queued.
 */
export async function queueReadyJobs(
  scope: SqlScope,
  engine: JobEngine,
  backfillId: string,
): Promise<number> {
  const rows = await readJobs(scope.db, backfillId);
  const byPosition = new Map(rows.map((row) => [row.position, row]));
  const ready = rows.filter((row) => isReady(row, byPosition, rows));
  const domain = ready[0]?.domain;
  if (domain === undefined) return 0;
  const positions = ready.map((row) => row.position);
  await updateJobs(scope.db, backfillId, positions, { state: "queued" });
  const engineJobIds = await engine.send(
    scope,
    domain,
    positions.map((position) => ({ backfillId, position })),
  );
  // Remembered so that a cancel cancels them in the engine too.
  for (const [index, position] of positions.entries())
    await updateJobs(scope.db, backfillId, [position], { engine_job_id: engineJobIds[index] ?? null });
  return ready.length;
}

/** How one job ended, as its worker saw it. */
export interface JobEnd {
  readonly state: "done" | "skipped" | "failed";
  readonly executionId: string | null;
  readonly error: string | null;
}

/**
 * After a job ended: a failure blocks every job waiting for it (a partition's later stages, the
 * windows that read it), others go on; then what became ready is queued. Call in a transaction
 * that holds lockBackfill.
 */
export async function continueAfterJob(
  scope: SqlScope,
  engine: JobEngine,
  job: { readonly backfillId: string; readonly position: number },
  state: QueueJobState,
): Promise<void> {
  const { backfillId, position } = job;
  if (state === "failed") {
    const rows = await readJobs(scope.db, backfillId);
    const own = rows.find((row) => row.position === position);
    const blocked = dependentsOf(rows, [position]).filter(
      (other) => rows[other]?.state === "waiting" && rows[other]?.stage !== finishStage,
    );
    const reason = `not run: ${own?.stage ?? "a job"} of ${own?.partition_key ?? "?"} failed`;
    await updateJobs(scope.db, backfillId, blocked, { state: "blocked", error: reason });
  }
  await queueReadyJobs(scope, engine, backfillId);
}

/**
 * Records a job's end, only while `claim` still holds the job (a worker whose job another took
 * over records nothing), then goes on as {@link continueAfterJob}. Call in a transaction that
 * holds lockBackfill. Returns whether the end was recorded.
 */
export async function settleJob(
  scope: SqlScope,
  engine: JobEngine,
  claim: JobClaim,
  end: JobEnd,
): Promise<boolean> {
  const { state, executionId, error } = end;
  const changes = { state, execution_id: executionId, error };
  if (!(await updateClaimedJob(scope.db, claim, changes))) return false;
  await continueAfterJob(scope, engine, claim, state);
  return true;
}
