import { defineMigration } from "./define-migration.js";

// Frozen in time: it must never change once released.

/**
 * The jobs of queued backfills (`spine run ... --queue`), one row per partition and stage: the
 * job engine delivers them, this table says what each waits for, how it ended and on which worker.
 */
export const createQueueJobs = defineMigration({
  name: "0007_queue_jobs",
  statements: (db) => [
    db.schema
      .createTable("core_queue_jobs")
      .addColumn("backfill_id", "text", (column) => column.notNull().references("core_executions.id"))
      .addColumn("position", "integer", (column) => column.notNull())
      .addColumn("domain", "text", (column) => column.notNull())
      .addColumn("partition_key", "text", (column) => column.notNull())
      .addColumn("stage", "text", (column) => column.notNull())
      .addColumn("pipeline", "text", (column) => column.notNull())
      .addColumn("params", "text", (column) => column.notNull())
      .addColumn("input", "text")
      .addColumn("depends_on", "text", (column) => column.notNull())
      .addColumn("force", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("state", "text", (column) => column.notNull())
      .addColumn("worker", "text")
      .addColumn("execution_id", "text")
      .addColumn("attempts", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("error", "text")
      .addColumn("updated_at", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("core_queue_jobs_pk", ["backfill_id", "position"]),
    db.schema
      .createIndex("core_queue_jobs_state_idx")
      .on("core_queue_jobs")
      .columns(["backfill_id", "state"]),
  ],
});
