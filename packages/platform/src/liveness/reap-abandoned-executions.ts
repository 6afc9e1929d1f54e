import type { Kysely } from "kysely";
import type { CoreTables } from "../database/core-tables.js";
import { isOwnerCertainlyDead, processOwner } from "./process-instance.js";

/** An execution found dead and marked `abandoned`, with the reason recorded as its error. */
export interface AbandonedExecution {
  readonly id: string;
  readonly reason: string;
}

interface Candidate {
  id: string;
  owner: string | null;
  heartbeat_at: string | null;
  started_at: string | null;
  created_at: string;
}

// Why a pending or running execution is dead, or null while it may still be alive.
function deathOf(row: Candidate, cutoff: string): string | null {
  if (row.owner === processOwner) return null;
  const owner = row.owner ?? "an unrecorded process";
  if (isOwnerCertainlyDead(row.owner))
    return `abandoned: its process (${owner}) is gone; it was recorded as ${row.heartbeat_at ? `alive at ${row.heartbeat_at}` : "running"}`;
  const lastSign = row.heartbeat_at ?? row.started_at ?? row.created_at;
  if (lastSign < cutoff) return `abandoned: no heartbeat from its process (${owner}) since ${lastSign}`;
  return null;
}

/**
 * Marks `abandoned` every pending or running execution whose process is gone: its heartbeat is
 * older than the lease, or its owner ran on this host under a PID that is free (or is now this
 * process's). Their table locks are released with them. Returns what it marked.
 */
export async function reapAbandonedExecutions(
  db: Kysely<CoreTables>,
  options: { readonly leaseMs: number; readonly now?: Date },
): Promise<AbandonedExecution[]> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.leaseMs).toISOString();
  const rows = await db
    .selectFrom("core_executions")
    .select(["id", "owner", "heartbeat_at", "started_at", "created_at"])
    .where("status", "in", ["pending", "running"])
    // A queued backfill lives as long as its jobs: no process owns it (see enqueueBackfill).
    .where((where) => where.or([where("owner", "is", null), where("owner", "!=", "queue")]))
    .execute();
  const abandoned: AbandonedExecution[] = [];
  for (const row of rows) {
    const reason = deathOf(row, cutoff);
    if (reason === null) continue;
    const marked = await db
      .updateTable("core_executions")
      .set({ status: "abandoned", finished_at: now.toISOString(), error: reason })
      .where("id", "=", row.id)
      .where("status", "in", ["pending", "running"])
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 0) continue;
    await db.deleteFrom("core_locks").where("execution_id", "=", row.id).execute();
    abandoned.push({ id: row.id, reason });
  }
  return abandoned;
}
