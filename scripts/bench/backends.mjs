// Storage backends the bench measures. The parent calls `prepare` before each scenario's child
// (a fresh database, not timed) and `cleanup` after it; the child turns its arguments and the
// environment `prepare` returned into platform settings with `settings`.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { platformEntry } from "./paths.mjs";

// The scratch database's URL reaches the child through the environment, not argv, so a password
// in SPINE_BENCH_DATABASE_URL never shows up in `ps`.
const SCRATCH_URL_VARIABLE = "SPINE_BENCH_SCRATCH_URL";

export const BACKENDS = {
  sqlite: {
    label: "SQLite",
    /** Child side: settings for the database file `name` in `directory`. */
    settings: (directory, name) => ({ databasePath: join(directory, `${name}.db`) }),
    /** Parent side: nothing to create; cleanup removes the file and its WAL companions (not with SPINE_BENCH_KEEP_RUN=1). */
    prepare: async (directory, name) => ({
      env: {},
      cleanup: async () => {
        if (!process.env.SPINE_BENCH_KEEP_RUN)
          for (const suffix of [".db", ".db-wal", ".db-shm"])
            rmSync(join(directory, `${name}${suffix}`), { force: true });
      },
    }),
  },
  postgres: {
    label: "PostgreSQL",
    settings: () => {
      const url = process.env[SCRATCH_URL_VARIABLE];
      if (!url) throw new Error(`${SCRATCH_URL_VARIABLE} is not set: the parent prepares the database`);
      return { databaseUrl: url };
    },
    /** Parent side: an empty scratch database per scenario on the admin URL's server. */
    prepare: async (_directory, _name, { postgresAdminUrl }) => {
      const { createScratchDatabase } = await import(platformEntry);
      const scratch = await createScratchDatabase(postgresAdminUrl, "spine_bench");
      return { env: { [SCRATCH_URL_VARIABLE]: scratch.url }, cleanup: () => scratch.drop() };
    },
  },
};

export function backendOf(name) {
  const backend = BACKENDS[name];
  if (!backend) {
    throw new Error(
      `unknown backend "${name}"; available: ${Object.keys(BACKENDS).join(", ")}, auto (see BENCHMARKS.md)`,
    );
  }
  return backend;
}
