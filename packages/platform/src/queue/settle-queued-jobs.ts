import type { QueueJobState } from "../database/core-tables.js";
import type { SqlScope } from "../database/spine-database.js";
import type { JobEngine } from "./create-job-engine.js";
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
  await engine.send(
    scope,
    domain,
    positions.map((position) => ({ backfillId, position })),
  );
  return ready.length;
}

/** How one job ended, as its worker saw it. */
export interface JobEnd {
  readonly state: "done" | "skipped" | "failed";
  readonly executionId: string | null;
  readonly error: string | null;
  readonly worker: string;
}

/**
 * Records a job's end; a failure blocks every job waiting for it (a partition's later stages, the
 * windows that read it), others go on. Then queues what became ready. Call in a transaction that
 * holds lockBackfill.
 */
export async function settleJob(
  scope: SqlScope,
  engine: JobEngine,
  job: { readonly backfillId: string; readonly position: number },
  end: JobEnd,
): Promise<void> {
  const { backfillId, position } = job;
  const { state, executionId, error, worker } = end;
  await updateJobs(scope.db, backfillId, [position], { state, execution_id: executionId, error, worker });
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
