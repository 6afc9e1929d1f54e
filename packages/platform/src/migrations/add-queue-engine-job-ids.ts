import { defineMigration } from "./define-migration.js";

// Frozen in time: it must never change once released.

/**
 * A queued job remembers the job engine's id of its latest delivery, so `spine backfill cancel`
 * cancels that job in pg-boss too instead of leaving it queued there.
 */
export const addQueueEngineJobIds = defineMigration({
  name: "0008_queue_engine_job_ids",
  statements: (db) => [db.schema.alterTable("core_queue_jobs").addColumn("engine_job_id", "text")],
});
