import type { Kysely } from "kysely";
import type { CoreTables } from "../database/core-tables.js";

/**
 * Renews this process's leases while it works: the heartbeat of each running execution and the
 * expiry of each held table lock. A process that dies stops renewing them, and once a lease has
 * run out its executions count as abandoned and its locks as free.
 */
export interface Heartbeat {
  readonly leaseMs: number;
  trackExecution(id: string): void;
  untrackExecution(id: string): void;
  trackLock(key: string, executionId: string): void;
  untrackLock(key: string): void;
  /** Stops renewing (the process is closing its database). */
  stop(): void;
}

/** Creates a {@link Heartbeat} renewing every quarter lease. */
export function createHeartbeat(
  db: Kysely<CoreTables>,
  leaseMs: number,
  now: () => Date = () => new Date(),
): Heartbeat {
  const executions = new Set<string>();
  const locks = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let beating = false;

  const beat = async () => {
    if (beating) return;
    beating = true;
    const at = now();
    try {
      if (executions.size > 0)
        await db
          .updateTable("core_executions")
          .set({ heartbeat_at: at.toISOString() })
          .where("id", "in", [...executions])
          .where("status", "in", ["pending", "running"])
          .execute();
      for (const [key, executionId] of locks)
        await db
          .updateTable("core_locks")
          .set({ expires_at: new Date(at.getTime() + leaseMs).toISOString() })
          .where("lock_key", "=", key)
          .where("execution_id", "=", executionId)
          .execute();
    } catch {
      // A missed beat is retried at the next; the lease outlasts several.
    } finally {
      beating = false;
    }
  };
  const update = () => {
    const busy = executions.size > 0 || locks.size > 0;
    if (busy && timer === undefined) {
      timer = setInterval(() => void beat(), Math.max(10, Math.floor(leaseMs / 4)));
      timer.unref();
    } else if (!busy && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  return {
    leaseMs,
    trackExecution: (id) => {
      executions.add(id);
      update();
    },
    untrackExecution: (id) => {
      executions.delete(id);
      update();
    },
    trackLock: (key, executionId) => {
      locks.set(key, executionId);
      update();
    },
    untrackLock: (key) => {
      locks.delete(key);
      update();
    },
    stop: () => {
      executions.clear();
      locks.clear();
      update();
    },
  };
}
