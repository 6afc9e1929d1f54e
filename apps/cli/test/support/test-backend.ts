import type { DatabaseLocation } from "@spine/platform";
import { createDatabaseLocation } from "@spine/platform";

/**
 * The PostgreSQL server the suite runs against when SPINE_TEST_DATABASE_URL is set (an admin URL:
 * each test gets its own scratch database on it); unset, every test uses a SQLite file.
 */
export const postgresAdminUrl = process.env.SPINE_TEST_DATABASE_URL || undefined;

/** The backend this run of the suite exercises. */
export const testBackend: "sqlite" | "postgres" = postgresAdminUrl ? "postgres" : "sqlite";

/** One test's database: the settings that select it, and its removal. */
export type TestDatabaseLocation = DatabaseLocation;

/** A fresh database for one test on this run's backend, or on SQLite when asked (parity tests). */
export function createTestDatabaseLocation(
  directory: string,
  backend: "sqlite" | "postgres" = testBackend,
): Promise<TestDatabaseLocation> {
  if (backend === "postgres" && !postgresAdminUrl) {
    throw new Error("SPINE_TEST_DATABASE_URL is not set: no PostgreSQL server to test against");
  }
  return createDatabaseLocation({
    directory,
    postgresAdminUrl: backend === "postgres" ? postgresAdminUrl : undefined,
  });
}
