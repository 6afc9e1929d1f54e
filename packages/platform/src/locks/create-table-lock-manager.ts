import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { CoreTables } from "../database/core-tables.js";
import { SpineError } from "../errors/spine-error.js";
import type { LockHandle, LockManager } from "./lock-manager.js";

const pollIntervalMs = 50;
// A lease long enough for any single stage; a crashed holder on another host frees it at expiry.
const leaseMs = 6 * 60 * 60 * 1000;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// A holder on this host whose process is gone (killed mid-run) must not block the partition forever.
function isStale(owner: string, expiresAt: string, now: Date): boolean {
  if (new Date(expiresAt).getTime() < now.getTime()) return true;
  const [host, pid] = owner.split(":");
  return host === hostname() && pid !== undefined && !isProcessAlive(Number(pid));
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A lock manager backed by the `core_locks` table (the SQLite backend's). */
export function createTableLockManager(db: Kysely<CoreTables>): LockManager {
  const owner = `${hostname()}:${process.pid}`;
  const tryAcquire = async (key: string, executionId: string): Promise<boolean> => {
    const now = new Date();
    const result = await db
      .insertInto("core_locks")
      .values({
        lock_key: key,
        execution_id: executionId,
        owner,
        acquired_at: now.toISOString(),
        expires_at: new Date(now.getTime() + leaseMs).toISOString(),
      })
      .onConflict((conflict) => conflict.column("lock_key").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  };
  return {
    async acquire(key, executionId, timeoutMs): Promise<LockHandle> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await tryAcquire(key, executionId)) {
          return {
            release: async () => {
              await db
                .deleteFrom("core_locks")
                .where("lock_key", "=", key)
                .where("execution_id", "=", executionId)
                .execute();
            },
          };
        }
        const holder = await db
          .selectFrom("core_locks")
          .selectAll()
          .where("lock_key", "=", key)
          .executeTakeFirst();
        if (holder && isStale(holder.owner, holder.expires_at, new Date())) {
          await db
            .deleteFrom("core_locks")
            .where("lock_key", "=", key)
            .where("execution_id", "=", holder.execution_id)
            .execute();
          continue;
        }
        if (Date.now() >= deadline) {
          const holderId = holder?.execution_id ?? "unknown";
          throw new SpineError(
            "LOCK_TIMEOUT",
            `Partition ${key} is locked by execution ${holderId} (owner ${holder?.owner ?? "unknown"}, since ${holder?.acquired_at ?? "?"}); gave up after ${timeoutMs} ms.`,
            { details: { lockKey: key, holderExecutionId: holderId } },
          );
        }
        await sleep(pollIntervalMs);
      }
    },
  };
}
