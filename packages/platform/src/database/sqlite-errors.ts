import { isSpineError, SpineError } from "../errors/spine-error.js";

/** What a SQLite failure is reported against: the file, and how long a busy database is waited for. */
export interface SqliteErrorContext {
  readonly path: string;
  readonly busyTimeoutMs: number;
  /** Why the database was opened read-only, when it was. */
  readonly readOnlyReason?: string | undefined;
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/** True for SQLITE_BUSY and its extended codes: another connection holds the lock. */
export function isSqliteBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(error));
}

/**
 * The tool's error for a SQLite failure that is an environment fact, not a bug: contention
 * (LOCK_TIMEOUT), a full disk and a read-only database (STORAGE), each naming the file. Other
 * errors come back unchanged.
 */
export function translateSqliteError(error: unknown, context: SqliteErrorContext): unknown {
  if (isSpineError(error)) return error;
  const code = sqliteCode(error);
  const details = { path: context.path, sqliteCode: code };
  if (isSqliteBusy(error)) {
    return new SpineError(
      "LOCK_TIMEOUT",
      `The database at ${context.path} is busy: another process held its write lock for longer than ${context.busyTimeoutMs} ms (SPINE_BUSY_TIMEOUT_MS).`,
      { cause: error, details: { ...details, busyTimeoutMs: context.busyTimeoutMs } },
    );
  }
  if (code.startsWith("SQLITE_FULL") || /database or disk is full/.test(String(error))) {
    return new SpineError("STORAGE", `database or disk is full at ${context.path}`, {
      cause: error,
      details,
    });
  }
  if (code.startsWith("SQLITE_READONLY")) {
    const reason = context.readOnlyReason ? ` (${context.readOnlyReason})` : "";
    return new SpineError(
      "STORAGE",
      `The database at ${context.path} is read-only${reason}: this command writes to it. Queries and status commands work on a read-only database.`,
      { cause: error, details },
    );
  }
  return error;
}
