import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { SpineError } from "../errors/spine-error.js";
import { retainStatements } from "./retained-statements.js";

/** An open SQLite connection, and whether (and why) it is read-only. */
export interface SqliteConnection {
  readonly connection: BetterSqlite3.Database;
  readonly readOnlyReason?: string;
  /** Closes the connection and removes what opening it made (a read-only copy). */
  close(): void;
}

// A read through the indexes touches each page about once, and every page a growing cache takes
// is fresh memory the kernel must map: on a VM about 4 faults of ~14 us per 16 KB page. A symbol's
// five-year history reads ~2,450 pages: 44 ms from a fresh process with a 4 MB cache, 250 ms with
// 64 MB, and 25 ms again from a warm cache of either size (the interior pages fit in 4 MB).
const readCacheKib = 4096;
// 64 MB once the connection writes: normalize's INSERT ... SELECT over a million-row week runs
// 20% faster than with 16 MB, for ~70 MB more peak memory; 128 MB gains nothing more.
const writeCacheKib = 65536;

/**
 * Gives a connection the page cache of bulk writes (see writeCacheKib), once: called as a write
 * transaction begins, so a process that only reads keeps the small cache that reads want.
 */
export function growCacheForWrites(connection: BetterSqlite3.Database): void {
  if (Number(connection.pragma("cache_size", { simple: true })) === -writeCacheKib) return;
  connection.pragma(`cache_size = -${writeCacheKib}`);
}

function applyPragmas(connection: BetterSqlite3.Database, busyTimeoutMs: number): void {
  // The busy timeout first: the pragmas after it may wait for another process's lock.
  connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  // 16 KB pages for a new file (an existing one keeps its own): a million-row week writes and
  // reads fewer, fuller pages. It must come before WAL, which fixes the page size.
  connection.pragma("page_size = 16384");
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  connection.pragma(`cache_size = -${readCacheKib}`);
  // Sorts and GROUP BYs over a million-row week spill to temporary files instead of holding them in RAM.
  connection.pragma("temp_store = FILE");
}

function sqliteCode(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? "");
}

// A file or folder the process may not write (read-only media, another user's file) refuses the
// read-write open or its WAL set-up with one of these.
function isReadOnlyFailure(error: unknown): boolean {
  return /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(sqliteCode(error));
}

function openReadOnly(path: string, busyTimeoutMs: number): BetterSqlite3.Database {
  const connection = retainStatements(new BetterSqlite3(path, { readonly: true, fileMustExist: true }));
  try {
    connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // A WAL database needs its -shm file; where it is missing and cannot be made, this fails.
    connection.prepare("select count(*) from sqlite_master").get();
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}

// Last resort for a WAL database on read-only media whose -shm file is gone (a clean close
// removes it): read a private copy, opened read-only as well.
function openReadOnlyCopy(path: string, busyTimeoutMs: number): SqliteConnection {
  const directory = mkdtempSync(join(tmpdir(), "spine-read-only-"));
  const copy = join(directory, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  const connection = openReadOnly(copy, busyTimeoutMs);
  return {
    connection,
    readOnlyReason: "the file or its folder is not writable; reading a private copy",
    close: () => {
      connection.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function openWhereNotWritable(path: string, busyTimeoutMs: number): SqliteConnection {
  try {
    const connection = openReadOnly(path, busyTimeoutMs);
    return {
      connection,
      readOnlyReason: "the file or its folder is not writable",
      close: () => connection.close(),
    };
  } catch (error) {
    if (!isReadOnlyFailure(error)) throw error;
    return openReadOnlyCopy(path, busyTimeoutMs);
  }
}

function openReadWrite(path: string, busyTimeoutMs: number): BetterSqlite3.Database {
  const connection = retainStatements(new BetterSqlite3(path));
  try {
    applyPragmas(connection, busyTimeoutMs);
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}

/**
 * Opens a SQLite file read-write with WAL, or, when the file or its folder cannot be written (a
 * read-only mount, another user's file), read-only, so queries and status commands still work;
 * writing commands then fail with the STORAGE error that says so.
 */
export function openSqliteConnection(path: string, busyTimeoutMs: number): SqliteConnection {
  try {
    try {
      const connection = openReadWrite(path, busyTimeoutMs);
      return { connection, close: () => connection.close() };
    } catch (error) {
      if (!isReadOnlyFailure(error) || path === ":memory:" || !existsSync(path)) throw error;
      return openWhereNotWritable(path, busyTimeoutMs);
    }
  } catch (error) {
    throw new SpineError("DATABASE", `Cannot open SQLite database at ${path}: ${String(error)}`, {
      cause: error,
    });
  }
}
