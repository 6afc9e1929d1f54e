import { openDatabase } from "../database/open-database.js";
import type { SpineDatabase } from "../database/spine-database.js";
import { createHeartbeat } from "../liveness/heartbeat.js";
import type { AbandonedExecution } from "../liveness/reap-abandoned-executions.js";
import { reapAbandonedExecutions } from "../liveness/reap-abandoned-executions.js";
import { createTableLockManager } from "../locks/create-table-lock-manager.js";
import type { LockManager } from "../locks/lock-manager.js";
import { createLogger } from "../logging/create-logger.js";
import type { Logger } from "../logging/logger.js";
import type { MigrationState } from "../migrations/run-migrations.js";
import { assertMigrationsCurrent, runMigrations } from "../migrations/run-migrations.js";
import type { DomainDefinition } from "../pipeline/define-domain.js";
import type { Registry } from "../registry/create-registry.js";
import { createRegistry } from "../registry/create-registry.js";
import type { Settings } from "../settings/settings.js";
import { landingDirectoryOf } from "../settings/settings.js";
import type { Dispatcher } from "./create-dispatcher.js";
import { createDispatcher } from "./create-dispatcher.js";
import type { ProgressEvent } from "./runtime-dependencies.js";

/** A running platform: database, registry, dispatcher and logger, wired once. */
export interface Spine {
  readonly settings: Settings;
  readonly database: SpineDatabase;
  readonly registry: Registry;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** Applies pending migrations (platform first, then domains in registry order). */
  migrate(): Promise<MigrationState[]>;
  /** Throws MIGRATION_PENDING / MIGRATION_DRIFT unless the schema is current. */
  assertReady(): Promise<void>;
  /** Marks `abandoned` the executions whose process died (see reapAbandonedExecutions). */
  reapAbandoned(): Promise<AbandonedExecution[]>;
  close(): Promise<void>;
}

/** Options for {@link createSpine}. */
export interface CreateSpineOptions {
  readonly settings: Settings;
  readonly domains: readonly DomainDefinition[];
  readonly logger?: Logger;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly locks?: (database: SpineDatabase) => LockManager;
  /** The environment pipelines read their sources' variables from (the CLI's); default process.env. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** Wires the platform for a list of domains: the one composition root for the CLI and tests. */
export async function createSpine(options: CreateSpineOptions): Promise<Spine> {
  const { settings } = options;
  const registry = createRegistry(options.domains);
  const logger =
    options.logger ??
    createLogger({ level: settings.logLevel, format: settings.logFormat, file: settings.logFile });
  const database = await openDatabase(settings);
  const heartbeat = createHeartbeat(database.db, settings.leaseMs);
  const locks = options.locks
    ? options.locks(database)
    : (database.locks ?? createTableLockManager(database.db, { heartbeat }));
  const dispatcher = createDispatcher({
    database,
    registry,
    logger,
    locks,
    lockTimeoutMs: settings.lockTimeoutMs,
    heartbeat,
    landingDirectory: landingDirectoryOf(settings),
    ...(options.environment ? { environment: options.environment } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return {
    settings,
    database,
    registry,
    dispatcher,
    logger,
    migrate: () => runMigrations(database, registry.migrationSets()),
    assertReady: () => assertMigrationsCurrent(database, registry.migrationSets()),
    reapAbandoned: () => reapAbandonedExecutions(database.db, { leaseMs: settings.leaseMs }),
    close: () => {
      heartbeat.stop();
      return database.close();
    },
  };
}
