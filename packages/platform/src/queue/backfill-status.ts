import type { Kysely } from "kysely";
import type { CoreTables, QueueJobState } from "../database/core-tables.js";
import { SpineError } from "../errors/spine-error.js";
import { finishStage, readJobs } from "./queue-jobs-store.js";

/** One job as `spine backfill status` shows it. */
export interface BackfillJobStatus {
  readonly position: number;
  readonly partition: Readonly<Record<string, unknown>>;
  readonly stage: string;
  readonly input: string | null;
  readonly state: QueueJobState;
  readonly worker: string | null;
  readonly attempts: number;
  readonly executionId: string | null;
  readonly error: string | null;
}

/** A queued backfill's jobs and their states. */
export interface BackfillStatus {
  readonly backfillId: string;
  readonly pipeline: string;
  /** The parent execution's status: running until its closing job ends it. */
  readonly status: string;
  readonly error: string | null;
  readonly counts: Readonly<Record<QueueJobState, number>>;
  readonly jobs: readonly BackfillJobStatus[];
  /** True once no job can still change (every job ended). */
  readonly ended: boolean;
  /** True when any job failed, was blocked or cancelled. */
  readonly failed: boolean;
}

const states: readonly QueueJobState[] = [
  "waiting",
  "queued",
  "running",
  "done",
  "skipped",
  "failed",
  "blocked",
  "cancelled",
];

/** Finds a queued backfill by its id or an unambiguous start of it. */
export async function resolveBackfillId(db: Kysely<CoreTables>, idOrPrefix: string): Promise<string> {
  const rows = await db
    .selectFrom("core_queue_jobs")
    .select("backfill_id")
    .distinct()
    .where("backfill_id", "like", `${idOrPrefix.replace(/[%_\\]/g, "")}%`)
    .limit(2)
    .execute();
  if (rows.length === 1 && rows[0]) return rows[0].backfill_id;
  if (rows.length === 0)
    throw new SpineError("NOT_FOUND", `No queued backfill ${idOrPrefix} (see spine executions list).`);
  throw new SpineError("USAGE", `${idOrPrefix} starts the ids of several queued backfills: give more of it.`);
}

/** Reads a queued backfill's state: per partition and stage, queued/running/done/failed and by whom. */
export async function readBackfillStatus(
  db: Kysely<CoreTables>,
  idOrPrefix: string,
): Promise<BackfillStatus> {
  const backfillId = await resolveBackfillId(db, idOrPrefix);
  const parent = await db
    .selectFrom("core_executions")
    .select(["pipeline", "status", "error"])
    .where("id", "=", backfillId)
    .executeTakeFirstOrThrow();
  const rows = await readJobs(db, backfillId);
  const counts = Object.fromEntries(states.map((state) => [state, 0])) as Record<QueueJobState, number>;
  const jobs = rows
    .filter((row) => row.stage !== finishStage)
    .map((row) => {
      counts[row.state] += 1;
      return {
        position: row.position,
        partition: JSON.parse(row.partition_key) as Record<string, unknown>,
        stage: row.stage,
        input: row.input,
        state: row.state,
        worker: row.worker,
        attempts: row.attempts,
        executionId: row.execution_id,
        error: row.error,
      };
    });
  const ended = parent.status !== "running" && parent.status !== "pending";
  const failed = counts.failed + counts.blocked + counts.cancelled > 0 || parent.status === "failed";
  return {
    backfillId,
    pipeline: parent.pipeline,
    status: parent.status,
    error: parent.error,
    counts,
    jobs,
    ended,
    failed,
  };
}
