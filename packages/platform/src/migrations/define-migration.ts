import type { Compilable, Kysely, RawBuilder } from "kysely";
import type { SqlCapabilities } from "../sql/sql-capabilities.js";

/** One statement of a migration: a Kysely schema builder or a raw `sql` template. */
export type MigrationStatement = Compilable | RawBuilder<unknown>;

/**
 * A forward-only migration. It is frozen in time: it builds statements with `Kysely<any>`, never
 * with today's table types, and its compiled SQL is checksummed, so editing it after it was
 * applied is refused. Where the backends differ it asks `backend` (`withoutRowid`,
 * `addIdentityColumn`, ...), never which backend it runs on. It runs inside a transaction, shared
 * with the other migrations of a fresh database: it must not need a commit before or during it
 * (no `CREATE INDEX CONCURRENTLY`, `VACUUM`, or pragmas that only take effect outside one).
 */
export interface MigrationDefinition {
  /** Sortable and unique within its owner, e.g. `0001_create_core_tables`. */
  readonly name: string;
  readonly statements: (db: Kysely<any>, backend: SqlCapabilities) => readonly MigrationStatement[];
}

/** Declares a migration; see {@link MigrationDefinition}. */
export function defineMigration(definition: MigrationDefinition): MigrationDefinition {
  return Object.freeze(definition);
}

/** The migrations of one owner (the platform or a domain), applied in array order. */
export interface MigrationSet {
  readonly owner: string;
  readonly migrations: readonly MigrationDefinition[];
}
