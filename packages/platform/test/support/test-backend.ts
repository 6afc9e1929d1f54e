import type { DatabaseLocation } from "../../src/index.js";
import { createDatabaseLocation } from "../../src/index.js";

/**
 * The PostgreSQL server the suite runs against when SPINE_TEST_DATABASE_URL is set (an admin URL:
 * each test gets its own scratch database on it); unset, every test uses a SQLite file.
 */
export const postgresAdminUrl = process.env.SPINE_TEST_DATABASE_URL || undefined;

/** The backend this run of the suite exercises. */
export const testBackend: "sqlite" | "postgres" = postgresAdminUrl ? "postgres" : "sqlite";

/** One test's database: the settings that select it, and its removal. */
export type TestDatabaseLocation = DatabaseLocation;

/** A fresh database for one test on this run's backend. */
export function createTestDatabaseLocation(directory: string): Promise<TestDatabaseLocation> {
  return createDatabaseLocation({ directory, postgresAdminUrl });
}
