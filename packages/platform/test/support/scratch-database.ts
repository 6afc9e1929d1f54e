import { afterEach } from "vitest";
import type { SpineDatabase } from "../../src/index.js";
import { loadSettings, openDatabase } from "../../src/index.js";
import { createTemporaryDirectory } from "./temporary-spine.js";
import { createTestDatabaseLocation } from "./test-backend.js";

/** Steps that undo a test's setup; run them in reverse order after the test. */
export type Cleanups = Array<() => Promise<void> | void>;

/** A list of cleanups that runs (in reverse order) and empties after each test of the file. */
export function useCleanups(): Cleanups {
  const cleanups: Cleanups = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** A fresh, empty database on this run's backend; its removal goes onto `cleanups`. */
export async function openScratchDatabase(cleanups: Cleanups): Promise<SpineDatabase> {
  const directory = createTemporaryDirectory();
  cleanups.push(directory.remove);
  const target = await createTestDatabaseLocation(directory.path);
  cleanups.push(target.drop);
  const database = await openDatabase(loadSettings({ ...target.settings }, {}));
  cleanups.push(() => database.close());
  return database;
}
