import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { MigrationDefinition, MigrationSet, SpineDatabase, SpineError } from "../src/index.js";
import { defineMigration, isSpineError } from "../src/index.js";
import { assertMigrationsCurrent, openMigrationFixture } from "./support/migration-helpers.js";
import { createTemporaryDirectory } from "./support/temporary-spine.js";

const directories: Array<() => void> = [];
const databases: SpineDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.close();
  for (const remove of directories.splice(0)) remove();
});

// Creates the table the demo set's first migration created: fails on every backend.
const createDemoValuesAgain = defineMigration({
  name: "0002_create_demo_values_again",
  statements: (db) => [db.schema.createTable("demo_values").addColumn("day", "text")],
});

async function recordedMigrations(handle: SpineDatabase): Promise<number> {
  const recorded = await sql<{ n: number }>`select count(*) as n from core_migrations`.execute(handle.db);
  return Number(recorded.rows[0]?.n);
}

// Migrates with `added` after the demo set's own migrations, expecting it to fail.
async function failedMigration(
  database: Awaited<ReturnType<typeof openFresh>>["database"],
  sets: MigrationSet[],
  added: MigrationDefinition[],
): Promise<SpineError> {
  const [platform, demo] = sets;
  if (platform === undefined || demo === undefined) throw new Error("the fixture has two sets");
  const withAdded = [platform, { ...demo, migrations: [...demo.migrations, ...added] }];
  return (await database.migrate(withAdded).then(
    () => {
      throw new Error("the migration did not fail");
    },
    (caught: unknown) => caught,
  )) as SpineError;
}

function openFresh() {
  const directory = createTemporaryDirectory();
  directories.push(directory.remove);
  return openMigrationFixture(directory.path, databases);
}

describe("integration", () => {
  it("refuses to migrate when an applied migration has changed, naming it", async () => {
    const { database, sets, changedSets } = await openFresh();
    await database.migrate(sets);
    const error = (await database.migrate(changedSets).catch((caught: unknown) => caught)) as SpineError;
    expect(isSpineError(error)).toBe(true);
    expect(error.code).toBe("MIGRATION_DRIFT");
    expect(error.message).toContain("demo/0001_create_demo_values was applied on");
    expect(error.message).toContain("has changed since");
  });

  it("refuses when the database holds a migration the code no longer defines", async () => {
    const { database, sets } = await openFresh();
    await database.migrate(sets);
    const error = (await database.migrate(sets.slice(0, 1)).catch((caught: unknown) => caught)) as SpineError;
    expect(error.code).toBe("MIGRATION_DRIFT");
    expect(error.message).toContain("no longer defined in code");
  });

  it("applies platform migrations before domain ones and is idempotent", async () => {
    const { database, sets } = await openFresh();
    const first = await database.migrate(sets);
    expect(first.map((state) => `${state.owner}/${state.name}`)).toEqual([
      "platform/0001_create_core_tables",
      "platform/0002_create_core_captures",
      "platform/0003_point_in_time",
      "platform/0004_execution_leases",
      "platform/0005_capture_row_samples",
      "platform/0006_capture_archives",
      "platform/0007_queue_jobs",
      "platform/0008_queue_engine_job_ids",
      "platform/0009_source_file_facts",
      "platform/0010_stored_sources",
      "demo/0001_create_demo_values",
    ]);
    expect(await database.migrate(sets)).toEqual([]);
    await expect(assertMigrationsCurrent(database.handle, sets)).resolves.toBeUndefined();
    const recorded = await sql<{ n: number }>`select count(*) as n from core_migrations`.execute(
      database.handle.db,
    );
    expect(Number(recorded.rows[0]?.n)).toBe(11);
  });

  it("creates a fresh database's schema whole or not at all, naming the migration that failed", async () => {
    const { database, sets } = await openFresh();
    const error = await failedMigration(database, sets, [createDemoValuesAgain]);
    expect(error.code).toBe("DATABASE");
    expect(error.message).toContain(
      "Migration demo/0002_create_demo_values_again failed (nothing of the new schema was kept)",
    );
    expect(await recordedMigrations(database.handle)).toBe(0);
    const tables = await database.handle.db.introspection.getTables();
    expect(tables.map((table) => table.name).filter((name) => name !== "core_migrations")).toEqual([]);
    // The same database then takes the schema without the failing migration, from the start.
    expect(await database.migrate(sets)).toHaveLength(11);
  });

  it("commits an upgrade migration by migration, keeping those before a failing one", async () => {
    const { database, sets } = await openFresh();
    await database.migrate(sets);
    const notes = defineMigration({
      name: "0002_create_demo_notes",
      statements: (db) => [db.schema.createTable("demo_notes").addColumn("note", "text")],
    });
    const error = await failedMigration(database, sets, [
      notes,
      { ...createDemoValuesAgain, name: "0003_create_demo_values_again" },
    ]);
    expect(error.code).toBe("DATABASE");
    expect(error.message).toContain(
      "Migration demo/0003_create_demo_values_again failed (the migrations before it stay applied)",
    );
    expect(await recordedMigrations(database.handle)).toBe(12);
    const tables = await database.handle.db.introspection.getTables();
    expect(tables.map((table) => table.name)).toContain("demo_notes");
  });

  it("reports pending migrations instead of running on an old schema", async () => {
    const { database, sets } = await openFresh();
    const error = (await assertMigrationsCurrent(database.handle, sets).catch(
      (caught: unknown) => caught,
    )) as SpineError;
    expect(error.code).toBe("MIGRATION_PENDING");
    expect(error.message).toContain("spine db init");
  });
});
