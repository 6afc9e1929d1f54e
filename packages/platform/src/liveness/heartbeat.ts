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

interface HeartbeatState {
  readonly executions: Set<string>;
  /** Lock key to the execution holding it. */
  readonly locks: Map<string, string>;
  timer: NodeJS.Timeout | undefined;
  beating: boolean;
}

async function renewLeases(
  db: Kysely<CoreTables>,
  state: HeartbeatState,
  at: Date,
  leaseMs: number,
): Promise<void> {
  if (state.executions.size > 0)
    await db
      .updateTable("core_executions")
      .set({ heartbeat_at: at.toISOString() })
      .where("id", "in", [...state.executions])
      .where("status", "in", ["pending", "running"])
      .execute();
  for (const [key, executionId] of state.locks)
    await db
      .updateTable("core_locks")
      .set({ expires_at: new Date(at.getTime() + leaseMs).toISOString() })
      .where("lock_key", "=", key)
      .where("execution_id", "=", executionId)
      .execute();
}

async function beat(
  db: Kysely<CoreTables>,
  state: HeartbeatState,
  leaseMs: number,
  now: () => Date,
): Promise<void> {
  if (state.beating) return;
  state.beating = true;
  const at = now();
  try {
    await renewLeases(db, state, at, leaseMs);
  } catch {
    // A missed beat is retried at the next; the lease outlasts several.
  } finally {
    state.beating = false;
  }
}

// The timer runs only while something is tracked: nothing wakes an idle process to renew nothing.
function updateTimer(state: HeartbeatState, leaseMs: number, onBeat: () => void): void {
  const busy = state.executions.size > 0 || state.locks.size > 0;
  if (busy && state.timer === undefined) {
    state.timer = setInterval(onBeat, Math.max(10, Math.floor(leaseMs / 4)));
    state.timer.unref();
  } else if (!busy && state.timer !== undefined) {
    clearInterval(state.timer);
    state.timer = undefined;
  }
}

/** Creates a {@link Heartbeat} renewing every quarter lease. */
export function createHeartbeat(
  db: Kysely<CoreTables>,
  leaseMs: number,
  now: () => Date = () => new Date(),
): Heartbeat {
  const state: HeartbeatState = { executions: new Set(), locks: new Map(), timer: undefined, beating: false };
  const onBeat = () => void beat(db, state, leaseMs, now);
  const update = () => updateTimer(state, leaseMs, onBeat);
  return {
    leaseMs,
    trackExecution: (id) => {
      state.executions.add(id);
      update();
    },
    untrackExecution: (id) => {
      state.executions.delete(id);
      update();
    },
    trackLock: (key, executionId) => {
      state.locks.set(key, executionId);
      update();
    },
    untrackLock: (key) => {
      state.locks.delete(key);
      update();
    },
    stop: () => {
      state.executions.clear();
      state.locks.clear();
      update();
    },
  };
}
