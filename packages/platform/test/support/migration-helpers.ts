import type { MigrationSet, SpineDatabase } from "../../src/index.js";
import {
  defineMigration,
  loadSettings,
  openDatabase,
  platformMigrations,
  runMigrations,
} from "../../src/index.js";
import { createTestDatabaseLocation } from "./test-backend.js";
import { createDemoTables } from "./test-domain.js";

export { assertMigrationsCurrent, SpineError } from "../../src/index.js";

// The same migration name with a different column: what an edited, already-applied migration looks like.
const editedDemoTables = defineMigration({
  name: createDemoTables.name,
  statements: (db) => [
    db.schema.createTable("demo_values").addColumn("day", "text").addColumn("extra", "text"),
  ],
});

/**
 * Opens a fresh database in `directory` (SQLite, or scratch PostgreSQL, see test-backend) with the
 * platform and demo migration sets, plus an edited copy of them.
 */
export async function openMigrationFixture(directory: string, opened: SpineDatabase[]) {
  const target = await createTestDatabaseLocation(directory);
  const database = await openDatabase(loadSettings({ ...target.settings, busyTimeoutMs: 1_000 }, {}));
  const handle = { ...database, close: () => database.close().finally(target.drop) };
  opened.push(handle);
  const sets: MigrationSet[] = [platformMigrations, { owner: "demo", migrations: [createDemoTables] }];
  const changedSets: MigrationSet[] = [platformMigrations, { owner: "demo", migrations: [editedDemoTables] }];
  return {
    database: { handle, migrate: (migrationSets: MigrationSet[]) => runMigrations(handle, migrationSets) },
    sets,
    changedSets,
  };
}
