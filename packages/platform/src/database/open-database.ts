import { SpineError } from "../errors/spine-error.js";
import type { Settings } from "../settings/settings.js";
import type { PostgresDatabaseOptions } from "./open-postgres-database.js";
import { openSqliteDatabase } from "./open-sqlite-database.js";
import type { SpineDatabase } from "./spine-database.js";

/** Where the database lives, decided from settings: a PostgreSQL URL or a SQLite path. */
export type DatabaseTarget =
  | { readonly dialect: "sqlite"; readonly path: string }
  | { readonly dialect: "postgres"; readonly url: string };

/** `postgres://` / `postgresql://` select PostgreSQL; a path or `sqlite:` URL selects SQLite. */
export function resolveDatabaseTarget(
  settings: Pick<Settings, "databasePath" | "databaseUrl">,
): DatabaseTarget {
  const location = settings.databaseUrl ?? settings.databasePath;
  if (/^postgres(ql)?:\/\//i.test(location)) return { dialect: "postgres", url: location };
  if (/^sqlite:/i.test(location))
    return { dialect: "sqlite", path: location.replace(/^sqlite:(\/\/)?/i, "") || ":memory:" };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new SpineError(
      "CONFIG",
      `Unsupported database URL "${location}": expected a file path, sqlite:PATH or postgres://...`,
    );
  }
  return { dialect: "sqlite", path: location };
}

/**
 * Opens a pooled PostgreSQL connection (see open-postgres-database.ts). The module, and with it
 * `pg`, is imported on first use: loading pg costs ~50 ms of start-up that SQLite users and
 * commands that never open a database (`spine list`) should not pay. index.ts exports this one.
 */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<SpineDatabase> {
  const postgres = await import("./open-postgres-database.js");
  return postgres.openPostgresDatabase(options);
}

/** Opens the database named by settings. */
export async function openDatabase(settings: Settings): Promise<SpineDatabase> {
  const target = resolveDatabaseTarget(settings);
  if (target.dialect === "sqlite")
    return openSqliteDatabase({ path: target.path, busyTimeoutMs: settings.busyTimeoutMs });
  return openPostgresDatabase({ url: target.url, poolSize: settings.poolSize });
}
