import type { Kysely } from "kysely";
import type { LockManager } from "../locks/lock-manager.js";
import type { SqlCapabilities } from "../sql/sql-capabilities.js";
import type { CoreTables } from "./core-tables.js";
import type { EncodedRows } from "./encoded-rows.js";

/** The SQL backends the platform runs on. */
export type DatabaseDialect = "sqlite" | "postgres";

/**
 * Rows for {@link SqlScope.bulkInsert}, in the order of its `columns`; or rows the scope's own
 * backend encoded ahead of time (SqlCapabilities.holdRows).
 */
export type BulkRows = Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]> | EncodedRows;

/**
 * What a pipeline writes through: a Kysely handle bound to the current transaction plus a fast
 * bulk loader (batched prepared inserts on SQLite, COPY on PostgreSQL). Hot paths must use
 * `bulkInsert` instead of one query-builder round trip per row.
 */
export interface SqlScope {
  readonly dialect: DatabaseDialect;
  readonly db: Kysely<CoreTables>;
  /** SQL where the backends differ (byte order, whole-number checks, ...): ask it, not `dialect`. */
  readonly sql: SqlCapabilities;
  /** Inserts every row and returns how many were written. */
  bulkInsert(table: string, columns: readonly string[], rows: BulkRows): Promise<number>;
  /**
   * True inside `transaction(...)`. There a failed statement aborts the whole transaction on
   * PostgreSQL; work that may fail without failing its caller confines itself in a savepoint.
   */
  readonly inTransaction?: boolean;
}

/** Facts for `spine doctor` and `db status`. */
export interface BackendDescription {
  readonly dialect: DatabaseDialect;
  readonly location: string;
  readonly serverVersion: string;
  readonly settings: Readonly<Record<string, string | number>>;
}

/** An open database: the scope outside any transaction, plus transactions and lifecycle. */
export interface SpineDatabase extends SqlScope {
  /** Runs `work` in one transaction: everything it wrote is committed together or not at all. */
  transaction<T>(work: (scope: SqlScope) => Promise<T>): Promise<T>;
  describe(): Promise<BackendDescription>;
  /** The backend's own lock manager (PostgreSQL advisory locks); absent means table locks. */
  readonly locks?: LockManager;
  close(): Promise<void>;
}
