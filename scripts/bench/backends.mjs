// Storage backends the bench can measure. Each maps a scratch location to platform settings.
// PostgreSQL hook: add a `postgres` entry whose `settings()` returns { databaseUrl } (for example
// from SPINE_BENCH_DATABASE_URL, one fresh database or schema per scenario) and whose `reset()`
// drops it; `pnpm bench -- --backend postgres` then fills the same table with a postgres column.
import { join } from "node:path";

export const BACKENDS = {
  sqlite: {
    label: "SQLite (better-sqlite3)",
    /** Settings for a fresh database in `directory` named `name`. */
    settings: (directory, name) => ({ databasePath: join(directory, `${name}.db`) }),
  },
};

export function backendOf(name) {
  const backend = BACKENDS[name];
  if (!backend) {
    throw new Error(
      `unknown backend "${name}"; available: ${Object.keys(BACKENDS).join(", ")} (see BENCHMARKS.md)`,
    );
  }
  return backend;
}
