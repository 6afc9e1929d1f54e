import type { MigrationSet, SpineDatabase } from "../../src/index.js";
import { defineMigration, openSqliteDatabase, platformMigrations, runMigrations } from "../../src/index.js";
import { createDemoTables } from "./test-domain.js";

export { assertMigrationsCurrent, SpineError } from "../../src/index.js";

// The same migration name with a different column: what an edited, already-applied migration looks like.
const editedDemoTables = defineMigration({
  name: createDemoTables.name,
  statements: (db) => [
    db.schema.createTable("demo_values").addColumn("day", "text").addColumn("extra", "text"),
  ],
});

/** Opens a SQLite file with the platform and demo migration sets, plus an edited copy of them. */
export function openMigrationFixture(path: string, opened: SpineDatabase[]) {
  const handle = openSqliteDatabase({ path, busyTimeoutMs: 1_000 });
  opened.push(handle);
  const sets: MigrationSet[] = [platformMigrations, { owner: "demo", migrations: [createDemoTables] }];
  const changedSets: MigrationSet[] = [platformMigrations, { owner: "demo", migrations: [editedDemoTables] }];
  return {
    database: { handle, migrate: (migrationSets: MigrationSet[]) => runMigrations(handle, migrationSets) },
    sets,
    changedSets,
  };
}
