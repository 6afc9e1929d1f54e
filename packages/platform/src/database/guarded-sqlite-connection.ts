import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";
import type { SqliteErrorContext } from "./sqlite-errors.js";
import { isSqliteBusy, translateSqliteError } from "./sqlite-errors.js";

const retryPauseMs = 20;
const pause = new Int32Array(new SharedArrayBuffer(4));

// better-sqlite3 is synchronous, so is the wait between tries (as SQLite's own busy handler is).
function sleepSync(milliseconds: number): void {
  Atomics.wait(pause, 0, 0, milliseconds);
}

/** Runs SQLite statements, retrying contention within the busy timeout and naming what failed. */
export interface SqliteGuard {
  run<T>(statement: () => T): T;
}

/**
 * SQLite answers SQLITE_BUSY at once, without waiting on busy_timeout, when waiting could deadlock
 * (a stale read snapshot upgrading to a write, a checkpoint in progress). Outside a transaction
 * the statement is simply tried again until the busy timeout has passed; inside one it cannot
 * be, and the error rolls the transaction back. Either way a SQLITE_BUSY that remains becomes
 * LOCK_TIMEOUT, and a full disk or a read-only file the STORAGE error naming the path.
 */
export function createSqliteGuard(
  connection: BetterSqlite3.Database,
  context: SqliteErrorContext,
): SqliteGuard {
  return {
    run<T>(statement: () => T): T {
      const deadline = Date.now() + context.busyTimeoutMs;
      for (;;) {
        try {
          return statement();
        } catch (error) {
          const retry = isSqliteBusy(error) && !connection.inTransaction && Date.now() < deadline;
          if (!retry) throw translateSqliteError(error, context);
          sleepSync(Math.min(retryPauseMs, Math.max(1, deadline - Date.now())));
        }
      }
    },
  };
}

function* guardedIterator<T>(guard: SqliteGuard, iterator: Iterator<T>): IterableIterator<T> {
  for (;;) {
    const next = guard.run(() => iterator.next());
    if (next.done) return;
    yield next.value;
  }
}

/** The connection as Kysely's SqliteDialect sees it, every statement run through the guard. */
export function guardedSqliteDatabase(
  connection: BetterSqlite3.Database,
  guard: SqliteGuard,
): SqliteDatabase {
  return {
    close: () => connection.close(),
    prepare(sql): SqliteStatement {
      const statement = guard.run(() => connection.prepare(sql));
      return {
        reader: statement.reader,
        all: (parameters) => guard.run(() => statement.all(parameters) as unknown[]),
        run: (parameters) => guard.run(() => statement.run(parameters)),
        iterate: (parameters) =>
          guardedIterator(
            guard,
            guard.run(() => statement.iterate(parameters) as IterableIterator<unknown>),
          ),
      };
    },
  };
}
