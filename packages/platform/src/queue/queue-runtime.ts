import { SpineError } from "../errors/spine-error.js";
import { createManifestReader } from "../manifest/manifest-store.js";
import type { PlanContext } from "../pipeline/pipeline-types.js";
import type { Spine } from "../runtime/create-spine.js";

/** What queued backfills and workers run on: a platform opened on PostgreSQL. */
export type QueueRuntime = Pick<Spine, "settings" | "database" | "registry" | "dispatcher" | "logger">;

/** Queued runs need the job engine's PostgreSQL; SQLite runs backfills in process. */
export function assertQueueBackend(runtime: QueueRuntime): void {
  if (runtime.database.dialect === "postgres" && runtime.settings.databaseUrl !== undefined) return;
  throw new SpineError(
    "USAGE",
    "Queued backfills and workers need PostgreSQL (--db postgres://... or SPINE_DATABASE_URL): the job queue lives in the same PostgreSQL as the data. On SQLite, run the backfill without --queue; it runs in this process.",
    { details: { dialect: runtime.database.dialect } },
  );
}

/** A plan context over the runtime, as `--dry-run` has. */
export function planContextOf(
  runtime: QueueRuntime,
  force: boolean,
  environment: Readonly<Record<string, string | undefined>>,
): PlanContext {
  const { database, dispatcher, logger } = runtime;
  return {
    scope: database,
    manifest: createManifestReader(database.db),
    logger,
    environment,
    force,
    plan: (pipeline, params, options) => dispatcher.plan(pipeline, params, { force, ...options }),
  };
}
