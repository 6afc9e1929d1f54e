import { join } from "node:path";
import { createScratchDatabase } from "@spine/platform";

/**
 * The PostgreSQL server the suite runs against when SPINE_TEST_DATABASE_URL is set (an admin URL:
 * each test gets its own scratch database on it); unset, every test uses a SQLite file.
 */
export const postgresAdminUrl = process.env.SPINE_TEST_DATABASE_URL || undefined;

/** The backend this run of the suite exercises. */
export const testBackend: "sqlite" | "postgres" = postgresAdminUrl ? "postgres" : "sqlite";

/** One test's database: the settings that select it, and its removal. */
export interface TestDatabaseLocation {
  readonly settings: { readonly databasePath: string } | { readonly databaseUrl: string };
  /** A SQLite path or a PostgreSQL URL, as `--db` accepts it. */
  readonly location: string;
  drop(): Promise<void>;
}

/** A fresh database for one test: `spine.db` in `directory`, or a scratch PostgreSQL database. */
export async function createTestDatabaseLocation(
  directory: string,
  backend: "sqlite" | "postgres" = testBackend,
): Promise<TestDatabaseLocation> {
  if (backend === "sqlite") {
    const path = join(directory, "spine.db");
    return { settings: { databasePath: path }, location: path, drop: async () => undefined };
  }
  if (!postgresAdminUrl)
    throw new Error("SPINE_TEST_DATABASE_URL is not set: no PostgreSQL server to test against");
  const scratch = await createScratchDatabase(postgresAdminUrl, "spine_test");
  return { settings: { databaseUrl: scratch.url }, location: scratch.url, drop: scratch.drop };
}
