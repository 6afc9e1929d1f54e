import { basename, dirname, extname, join, resolve } from "node:path";
import { z } from "zod";
import { SpineError } from "../errors/spine-error.js";

const logLevels = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

/** The zod schema of every setting; environment variables are `SPINE_` + the upper snake name. */
export const settingsSchema = z.object({
  databasePath: z.string().min(1).default("./spine.db"),
  databaseUrl: z.string().min(1).optional(),
  logLevel: z.enum(logLevels).default("info"),
  logFormat: z.enum(["auto", "json", "pretty"]).default("auto"),
  logFile: z.string().min(1).optional(),
  lockTimeoutMs: z.coerce.number().int().min(0).default(30_000),
  busyTimeoutMs: z.coerce.number().int().min(0).default(60_000),
  poolSize: z.coerce.number().int().min(1).max(100).default(10),
  leaseMs: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  landingDir: z.string().min(1).optional(),
  archiveDir: z.string().min(1).optional(),
  queueExpireSeconds: z.coerce.number().int().min(1).max(86_400).default(900),
  queueRetryLimit: z.coerce.number().int().min(0).max(100).default(3),
  queueRetryDelaySeconds: z.coerce.number().int().min(0).max(3_600).default(5),
  queueMaintenanceSeconds: z.coerce.number().int().min(1).max(3_600).default(30),
  queuePollingSeconds: z.coerce.number().min(0.5).max(60).default(2),
});

/** Validated settings. */
export type Settings = z.output<typeof settingsSchema>;
/** Settings as given by flags or code, before validation. */
export type SettingsInput = z.input<typeof settingsSchema>;

const environmentNames: Record<keyof Settings, string> = {
  databasePath: "SPINE_DATABASE_PATH",
  databaseUrl: "SPINE_DATABASE_URL",
  logLevel: "SPINE_LOG_LEVEL",
  logFormat: "SPINE_LOG_FORMAT",
  logFile: "SPINE_LOG_FILE",
  lockTimeoutMs: "SPINE_LOCK_TIMEOUT_MS",
  busyTimeoutMs: "SPINE_BUSY_TIMEOUT_MS",
  poolSize: "SPINE_POOL_SIZE",
  leaseMs: "SPINE_LEASE_MS",
  landingDir: "SPINE_LANDING_DIR",
  archiveDir: "SPINE_ARCHIVE_DIR",
  queueExpireSeconds: "SPINE_QUEUE_EXPIRE_SECONDS",
  queueRetryLimit: "SPINE_QUEUE_RETRY_LIMIT",
  queueRetryDelaySeconds: "SPINE_QUEUE_RETRY_DELAY_SECONDS",
  queueMaintenanceSeconds: "SPINE_QUEUE_MAINTENANCE_SECONDS",
  queuePollingSeconds: "SPINE_QUEUE_POLLING_SECONDS",
};

/**
 * Where runs keep the files they fetched before loading them: `landingDir` when set, else a
 * `<database name>-landing` folder beside a SQLite database, else `spine-landing` in the working
 * directory (PostgreSQL has no file to sit beside).
 */
export function landingDirectoryOf(settings: Settings, workingDirectory: string = process.cwd()): string {
  if (settings.landingDir !== undefined) return resolve(workingDirectory, settings.landingDir);
  if (settings.databaseUrl !== undefined) return resolve(workingDirectory, "spine-landing");
  const database = resolve(workingDirectory, settings.databasePath);
  return join(dirname(database), `${basename(database, extname(database))}-landing`);
}

/**
 * Where `spine archive` writes raw captures' archive files and `spine restore` reads them:
 * `archiveDir` when set, else a `<database name>-archive` folder beside a SQLite database, else
 * `spine-archive` in the working directory.
 */
export function archiveDirectoryOf(settings: Settings, workingDirectory: string = process.cwd()): string {
  if (settings.archiveDir !== undefined) return resolve(workingDirectory, settings.archiveDir);
  if (settings.databaseUrl !== undefined) return resolve(workingDirectory, "spine-archive");
  const database = resolve(workingDirectory, settings.databasePath);
  return join(dirname(database), `${basename(database, extname(database))}-archive`);
}

/**
 * Reads settings from `SPINE_*` environment variables, overridden by explicit values (flags).
 * A bad value is a CONFIG error naming the variable and what was expected.
 */
export function loadSettings(
  overrides: Partial<Record<keyof Settings, string | number | undefined>> = {},
  environment: NodeJS.ProcessEnv = process.env,
): Settings {
  const raw: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(environmentNames)) {
    const fromEnvironment = environment[variable];
    if (fromEnvironment !== undefined && fromEnvironment !== "") raw[key] = fromEnvironment;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) raw[key] = value;
  }
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]) as keyof Settings;
    return `${environmentNames[key] ?? key}: ${issue.message}`;
  });
  throw new SpineError("CONFIG", `Invalid settings:\n  ${problems.join("\n  ")}`, { details: { problems } });
}
