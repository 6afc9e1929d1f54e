import type { Kysely } from "kysely";
import type { CoreTables } from "../database/core-tables.js";

/** A held lock; release it exactly once, in a `finally`. */
export interface LockHandle {
  release(): Promise<void>;
  /**
   * Releases a lock kept in the database as part of the caller's transaction (which must hold
   * the database's write lock until it commits), so the commit that publishes a stage also frees
   * its partition and nothing is left to write afterwards (skip `release` once it committed). Absent when
   * the lock lives elsewhere (a PostgreSQL session).
   */
  releaseWithin?(db: Kysely<CoreTables>): Promise<void>;
}

/**
 * Mutual exclusion on logical keys (a domain partition) across processes. A second acquirer waits
 * up to `timeoutMs`, then fails with LOCK_TIMEOUT naming the holder's execution id.
 */
export interface LockManager {
  acquire(key: string, executionId: string, timeoutMs: number): Promise<LockHandle>;
}
