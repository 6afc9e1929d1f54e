import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { CoreQueueJobsTable, CoreTables, QueueJobState } from "../database/core-tables.js";

/** The stage name of a backfill's closing job (gap checks, the parent's end). */
export const finishStage = "(finish)";

/** States a job never leaves on its own. */
export const endedStates: readonly QueueJobState[] = ["done", "skipped", "failed", "blocked", "cancelled"];

/** A queued job's row as read back. */
export type QueueJobRow = CoreQueueJobsTable;

/**
 * Serialises the transactions that change one backfill's jobs (a job ends, cancel, retry): each
 * then sees the others' commits, so a job waiting for two others is queued exactly once.
 */
export async function lockBackfill(db: Kysely<CoreTables>, backfillId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(('x' || substr(md5(${`queue:${backfillId}`}), 1, 16))::bit(64)::bigint)`.execute(
    db,
  );
}

/** Every job of a backfill, in position order. */
export function readJobs(db: Kysely<CoreTables>, backfillId: string): Promise<QueueJobRow[]> {
  return db
    .selectFrom("core_queue_jobs")
    .selectAll()
    .where("backfill_id", "=", backfillId)
    .orderBy("position")
    .execute();
}

/** Sets the state (and whatever else changes with it) of some of a backfill's jobs. */
export async function updateJobs(
  db: Kysely<CoreTables>,
  backfillId: string,
  positions: readonly number[],
  changes: Partial<Omit<QueueJobRow, "backfill_id" | "position">>,
): Promise<void> {
  if (positions.length === 0) return;
  await db
    .updateTable("core_queue_jobs")
    .set({ ...changes, updated_at: new Date().toISOString() })
    .where("backfill_id", "=", backfillId)
    .where("position", "in", [...positions])
    .execute();
}

/** The positions a job waits for. */
export function dependenciesOf(row: QueueJobRow): number[] {
  return JSON.parse(row.depends_on) as number[];
}

/** Every job that waits, directly or not, for one of `roots`. */
export function dependentsOf(rows: readonly QueueJobRow[], roots: readonly number[]): number[] {
  const reached = new Set<number>(roots);
  for (const row of rows)
    if (dependenciesOf(row).some((position) => reached.has(position))) reached.add(row.position);
  for (const root of roots) reached.delete(root);
  return [...reached];
}
