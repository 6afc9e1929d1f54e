import type { Kysely } from "kysely";
import type { CoreTables } from "../database/core-tables.js";
import { SpineError } from "../errors/spine-error.js";
import type { Heartbeat } from "../liveness/heartbeat.js";
import { isOwnerCertainlyDead, processOwner } from "../liveness/process-instance.js";
import type { LockHandle, LockManager } from "./lock-manager.js";

const pollIntervalMs = 50;
// Without a heartbeat nothing renews a lock: the lease must then outlast any single stage.
const unrenewedLeaseMs = 6 * 60 * 60 * 1000;

/** Options for {@link createTableLockManager}. */
export interface TableLockOptions {
  /** Renews held locks, so a short lease frees a dead holder's lock soon. */
  readonly heartbeat?: Heartbeat;
}

interface Holder {
  readonly execution_id: string;
  readonly owner: string;
  readonly acquired_at: string;
  readonly expires_at: string;
}

// A holder is gone once its lease ran out unrenewed, or at once when it ran on this host under a
// PID that is free or is now this process's (a restarted container is PID 1 again).
function deathOf(holder: Holder, now: Date): string | null {
  if (new Date(holder.expires_at).getTime() < now.getTime())
    return `its lease expired at ${holder.expires_at} without renewal`;
  if (isOwnerCertainlyDead(holder.owner)) return `its process (${holder.owner}) is gone`;
  return null;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function takeOverFromDead(db: Kysely<CoreTables>, key: string, holder: Holder, reason: string) {
  await db
    .updateTable("core_executions")
    .set({
      status: "abandoned",
      finished_at: new Date().toISOString(),
      error: `abandoned: ${reason}; the lock on ${key} was taken over`,
    })
    .where("id", "=", holder.execution_id)
    .where("status", "in", ["pending", "running"])
    .execute();
  await db
    .deleteFrom("core_locks")
    .where("lock_key", "=", key)
    .where("execution_id", "=", holder.execution_id)
    .execute();
}

function timeoutError(key: string, holder: Holder | undefined, timeoutMs: number): SpineError {
  const holderId = holder?.execution_id ?? "unknown";
  return new SpineError(
    "LOCK_TIMEOUT",
    `Partition ${key} is locked by execution ${holderId} (owner ${holder?.owner ?? "unknown"}, since ${holder?.acquired_at ?? "?"}); gave up after ${timeoutMs} ms.`,
    { details: { lockKey: key, holderExecutionId: holderId } },
  );
}

async function tryAcquire(
  db: Kysely<CoreTables>,
  key: string,
  executionId: string,
  leaseMs: number,
): Promise<boolean> {
  const now = new Date();
  const result = await db
    .insertInto("core_locks")
    .values({
      lock_key: key,
      execution_id: executionId,
      owner: processOwner,
      acquired_at: now.toISOString(),
      expires_at: new Date(now.getTime() + leaseMs).toISOString(),
    })
    .onConflict((conflict) => conflict.column("lock_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

function lockHandle(
  db: Kysely<CoreTables>,
  heartbeat: Heartbeat | undefined,
  key: string,
  executionId: string,
): LockHandle {
  heartbeat?.trackLock(key, executionId);
  const releaseThrough = async (through: Kysely<CoreTables>) => {
    heartbeat?.untrackLock(key);
    await through
      .deleteFrom("core_locks")
      .where("lock_key", "=", key)
      .where("execution_id", "=", executionId)
      .execute();
  };
  return { release: () => releaseThrough(db), releaseWithin: releaseThrough };
}

/**
 * A lock manager backed by the `core_locks` table (the SQLite backend's). Holders are recorded as
 * `host:pid:instance` with a lease the heartbeat renews; a holder found dead has its execution
 * marked `abandoned` with the reason and its lock taken over.
 */
export function createTableLockManager(db: Kysely<CoreTables>, options: TableLockOptions = {}): LockManager {
  const { heartbeat } = options;
  const leaseMs = heartbeat?.leaseMs ?? unrenewedLeaseMs;
  return {
    async acquire(key, executionId, timeoutMs): Promise<LockHandle> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await tryAcquire(db, key, executionId, leaseMs))
          return lockHandle(db, heartbeat, key, executionId);
        const holder = await db
          .selectFrom("core_locks")
          .selectAll()
          .where("lock_key", "=", key)
          .executeTakeFirst();
        const death = holder ? deathOf(holder, new Date()) : null;
        if (holder && death !== null) {
          await takeOverFromDead(db, key, holder, death);
          continue;
        }
        if (Date.now() >= deadline) throw timeoutError(key, holder, timeoutMs);
        await sleep(pollIntervalMs);
      }
    },
  };
}
