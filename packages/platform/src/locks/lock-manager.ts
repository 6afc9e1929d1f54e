/** A held lock; release it exactly once, in a `finally`. */
export interface LockHandle {
  release(): Promise<void>;
}

/**
 * Mutual exclusion on logical keys (a domain partition) across processes. A second acquirer waits
 * up to `timeoutMs`, then fails with LOCK_TIMEOUT naming the holder's execution id.
 */
export interface LockManager {
  acquire(key: string, executionId: string, timeoutMs: number): Promise<LockHandle>;
}
