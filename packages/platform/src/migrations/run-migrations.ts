import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { SpineDatabase, SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { CompiledMigration } from "./compile-migration.js";
import { compileMigration } from "./compile-migration.js";
import type { MigrationSet } from "./define-migration.js";

/** State of one migration against a database. */
export interface MigrationState {
  readonly owner: string;
  readonly name: string;
  readonly state: "applied" | "pending" | "changed" | "unknown";
  readonly appliedAt: string | null;
}

/** The bookkeeping table every database gets before any migration runs. */
export function createMigrationsTable(db: Kysely<any>) {
  return db.schema
    .createTable("core_migrations")
    .ifNotExists()
    .addColumn("owner", "text", (column) => column.notNull())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("checksum", "text", (column) => column.notNull())
    .addColumn("applied_at", "text", (column) => column.notNull())
    .addPrimaryKeyConstraint("core_migrations_pk", ["owner", "name"]);
}

async function ensureMigrationsTable(db: Kysely<any>): Promise<void> {
  await createMigrationsTable(db).execute();
}

function compileAll(database: SpineDatabase, sets: readonly MigrationSet[]): CompiledMigration[] {
  return sets.flatMap((set) =>
    set.migrations.map((migration) => compileMigration(set.owner, migration, database.db, database.sql)),
  );
}

/** Compares the code's migrations with the ones recorded in the database, without changing anything. */
export async function readMigrationStates(
  database: SpineDatabase,
  sets: readonly MigrationSet[],
): Promise<MigrationState[]> {
  const tables = await database.db.introspection.getTables();
  const hasTable = tables.some((table) => table.name === "core_migrations");
  const applied = hasTable ? await database.db.selectFrom("core_migrations").selectAll().execute() : [];
  const appliedByKey = new Map(applied.map((row) => [`${row.owner}/${row.name}`, row]));
  const compiled = compileAll(database, sets);
  const states: MigrationState[] = compiled.map((migration) => {
    const row = appliedByKey.get(`${migration.owner}/${migration.name}`);
    appliedByKey.delete(`${migration.owner}/${migration.name}`);
    if (!row) return { owner: migration.owner, name: migration.name, state: "pending", appliedAt: null };
    const state = row.checksum === migration.checksum ? "applied" : "changed";
    return { owner: migration.owner, name: migration.name, state, appliedAt: row.applied_at };
  });
  for (const row of appliedByKey.values()) {
    states.push({ owner: row.owner, name: row.name, state: "unknown", appliedAt: row.applied_at });
  }
  return states;
}

function refuseDrift(states: readonly MigrationState[]): void {
  const drifted = states.filter((state) => state.state === "changed" || state.state === "unknown");
  if (drifted.length === 0) return;
  const lines = drifted.map((state) =>
    state.state === "changed"
      ? `${state.owner}/${state.name} was applied on ${state.appliedAt} but its definition has changed since`
      : `${state.owner}/${state.name} is recorded in the database but no longer defined in code`,
  );
  throw new SpineError(
    "MIGRATION_DRIFT",
    `Refusing to migrate: applied migrations differ from the code.\n  ${lines.join("\n  ")}\nMigrations are frozen once applied: add a new migration instead, or rebuild the database with \`spine db reset --yes\`.`,
    { details: { drifted: drifted.map((state) => `${state.owner}/${state.name}`) } },
  );
}

// A migration that fails is named, and what stays of the run said: the database's own message
// alone ("relation already exists") does not tell which of twenty migrations it came from.
async function applyMigration(scope: SqlScope, migration: CompiledMigration, run: MigrationRun) {
  try {
    for (const statement of migration.sql) await sql.raw(statement).execute(scope.db);
  } catch (error) {
    const kept = run.fresh ? "nothing of the new schema was kept" : "the migrations before it stay applied";
    const message = error instanceof Error ? error.message : String(error);
    throw new SpineError(
      "DATABASE",
      `Migration ${migration.owner}/${migration.name} failed (${kept}): ${message}`,
      {
        cause: error,
        details: { owner: migration.owner, name: migration.name },
      },
    );
  }
  await scope.db
    .insertInto("core_migrations")
    .values({
      owner: migration.owner,
      name: migration.name,
      checksum: migration.checksum,
      applied_at: run.appliedAt,
    })
    .execute();
}

interface MigrationRun {
  readonly fresh: boolean;
  readonly appliedAt: string;
}

/**
 * Applies pending migrations in order (platform first, then each domain in registry order), after
 * refusing any drift. A fresh database (no migration applied yet) gets its whole schema in one
 * transaction: it is created whole or not at all, with one commit instead of one per migration.
 * An upgrade commits after each migration: a migration may copy a large table, and a commit
 * between two lets SQLite checkpoint its WAL and PostgreSQL free a dropped table's files, so an
 * upgrade needs the disk of its largest migration rather than of all of them; a failed one leaves
 * the database at the migration before it, and running again continues from there. A failure is a
 * DATABASE error naming the migration. Idempotent: a current database is untouched.
 */
export async function runMigrations(
  database: SpineDatabase,
  sets: readonly MigrationSet[],
): Promise<MigrationState[]> {
  await ensureMigrationsTable(database.db);
  const states = await readMigrationStates(database, sets);
  refuseDrift(states);
  const pending = new Set(
    states.filter((state) => state.state === "pending").map((s) => `${s.owner}/${s.name}`),
  );
  const toApply = compileAll(database, sets).filter((migration) =>
    pending.has(`${migration.owner}/${migration.name}`),
  );
  if (toApply.length === 0) return [];
  const run: MigrationRun = { fresh: toApply.length === states.length, appliedAt: new Date().toISOString() };
  const transactions = run.fresh ? [toApply] : toApply.map((migration) => [migration]);
  for (const migrations of transactions)
    await database.transaction(async (scope) => {
      for (const migration of migrations) await applyMigration(scope, migration, run);
    });
  return toApply.map((migration) => ({
    owner: migration.owner,
    name: migration.name,
    state: "applied",
    appliedAt: run.appliedAt,
  }));
}

/** Fails with MIGRATION_PENDING or MIGRATION_DRIFT unless the database is exactly current. */
export async function assertMigrationsCurrent(
  database: SpineDatabase,
  sets: readonly MigrationSet[],
): Promise<void> {
  const states = await readMigrationStates(database, sets);
  refuseDrift(states);
  const pending = states.filter((state) => state.state === "pending");
  if (pending.length > 0) {
    throw new SpineError(
      "MIGRATION_PENDING",
      `The database needs ${pending.length} migration(s) (${pending.map((s) => `${s.owner}/${s.name}`).join(", ")}). Run \`spine db init\`.`,
    );
  }
}
