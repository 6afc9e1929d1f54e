import { join } from "node:path";
import { createScratchDatabase } from "./create-scratch-database.js";

/** A database of its own for one test or run: the settings that select it, and its removal. */
export interface DatabaseLocation {
  readonly settings: { readonly databasePath: string } | { readonly databaseUrl: string };
  /** A SQLite path or a PostgreSQL URL, as `--db` accepts it. */
  readonly location: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on either backend, so one test suite can run against both: `spine.db` in
 * `directory` when `postgresAdminUrl` is absent, else a scratch PostgreSQL database created through
 * that admin URL (and dropped by `drop`). Domain packages use it to test on both backends.
 */
export async function createDatabaseLocation(options: {
  readonly directory: string;
  readonly postgresAdminUrl?: string | undefined;
  readonly prefix?: string;
}): Promise<DatabaseLocation> {
  if (!options.postgresAdminUrl) {
    const path = join(options.directory, "spine.db");
    return { settings: { databasePath: path }, location: path, drop: async () => undefined };
  }
  const scratch = await createScratchDatabase(options.postgresAdminUrl, options.prefix ?? "spine_test");
  return { settings: { databaseUrl: scratch.url }, location: scratch.url, drop: scratch.drop };
}
