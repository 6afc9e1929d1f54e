import type { Kysely } from "kysely";
import type pg from "pg";
import { connectKeptAlive } from "../database/connect-kept-alive.js";
import type { CoreTables } from "../database/core-tables.js";
import { SpineError } from "../errors/spine-error.js";
import { processOwner } from "../liveness/process-instance.js";
import type { LockHandle, LockManager } from "./lock-manager.js";

/** Options for {@link createAdvisoryLockManager}. */
export interface AdvisoryLockOptions {
  /** The server to lock on; each held lock opens its own connection to it. */
  readonly url: string;
  /** Where holders are recorded (core_locks), so a waiter can name the execution it waits for. */
  readonly db: Kysely<CoreTables>;
}

const pollIntervalMs = 50;
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

// 64 bits of md5 make a collision between two partition keys (which would serialise unrelated
// work) practically impossible, unlike the 32-bit hashtext().
const tryLockSql = "select pg_try_advisory_lock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint) as locked";
const unlockSql = "select pg_advisory_unlock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint)";

async function pollLock(client: pg.Client, key: string, deadline: number): Promise<boolean> {
  for (;;) {
    const result = await client.query<{ locked: boolean }>(tryLockSql, [key]);
    if (result.rows[0]?.locked === true) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollIntervalMs);
  }
}

async function recordHolder(db: Kysely<CoreTables>, key: string, executionId: string, owner: string) {
  const now = new Date();
  // We hold the advisory lock, so any row left for this key is from a holder that died: replace it.
  await db
    .insertInto("core_locks")
    .values({
      lock_key: key,
      execution_id: executionId,
      owner,
      acquired_at: now.toISOString(),
      expires_at: "session",
    })
    .onConflict((conflict) =>
      conflict
        .column("lock_key")
        .doUpdateSet({ execution_id: executionId, owner, acquired_at: now.toISOString() }),
    )
    .execute();
}

async function timeoutError(db: Kysely<CoreTables>, key: string, timeoutMs: number): Promise<SpineError> {
  const holder = await db.selectFrom("core_locks").selectAll().where("lock_key", "=", key).executeTakeFirst();
  const holderId = holder?.execution_id ?? "unknown";
  return new SpineError(
    "LOCK_TIMEOUT",
    `Partition ${key} is locked by execution ${holderId} (owner ${holder?.owner ?? "unknown"}, since ${holder?.acquired_at ?? "?"}); gave up after ${timeoutMs} ms.`,
    { details: { lockKey: key, holderExecutionId: holderId } },
  );
}

/**
 * A lock manager on PostgreSQL session advisory locks: exclusion holds across every process and
 * machine using the server, and a crashed holder's lock vanishes with its connection. Each held
 * lock keeps its own connection (outside the pool, so holders cannot starve transactions of
 * clients) until release.
 */
export function createAdvisoryLockManager(options: AdvisoryLockOptions): LockManager {
  const owner = processOwner;
  return {
    async acquire(key, executionId, timeoutMs): Promise<LockHandle> {
      const client = await connectKeptAlive(options.url);
      try {
        if (!(await pollLock(client, key, Date.now() + timeoutMs)))
          throw await timeoutError(options.db, key, timeoutMs);
        await recordHolder(options.db, key, executionId, owner);
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      return {
        release: async () => {
          try {
            await options.db
              .deleteFrom("core_locks")
              .where("lock_key", "=", key)
              .where("execution_id", "=", executionId)
              .execute();
            await client.query(unlockSql, [key]);
          } finally {
            await client.end().catch(() => undefined);
          }
        },
      };
    },
  };
}
