import type { SpineDatabase } from "../database/spine-database.js";
import type { Heartbeat } from "../liveness/heartbeat.js";
import type { LockManager } from "../locks/lock-manager.js";
import type { Logger } from "../logging/logger.js";
import type { ProgressUpdate } from "../pipeline/pipeline-types.js";
import type { Registry } from "../registry/create-registry.js";

/** A progress update with the execution it belongs to. */
export interface ProgressEvent extends ProgressUpdate {
  readonly executionId: string;
  readonly pipeline: string;
}

/** What the dispatcher runs on; all of it is passed in, nothing is global. */
export interface RuntimeDependencies {
  readonly database: SpineDatabase;
  readonly registry: Registry;
  readonly logger: Logger;
  readonly locks: LockManager;
  readonly lockTimeoutMs: number;
  /** Renews running executions' leases; without one, executions are recorded without renewal. */
  readonly heartbeat?: Heartbeat;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Where runs keep fetched files before loading them (see landingDirectoryOf); default `./spine-landing`. */
  readonly landingDirectory?: string;
  /** The environment pipelines read their sources' variables from; default process.env. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
  readonly createId?: () => string;
}
