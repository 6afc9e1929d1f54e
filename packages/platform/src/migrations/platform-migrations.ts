import { addQueueEngineJobIds } from "./add-queue-engine-job-ids.js";
import { createCaptureArchives } from "./create-capture-archives.js";
import { createCaptureRowSamples } from "./create-capture-row-samples.js";
import { createCoreCaptures } from "./create-core-captures.js";
import { createExecutionLeases } from "./create-execution-leases.js";
import { createPointInTime } from "./create-point-in-time.js";
import { createQueueJobs } from "./create-queue-jobs.js";
import { createSourceFileFactsTable } from "./create-source-file-facts.js";
import { createStoredSources } from "./create-stored-sources.js";
import type { MigrationSet } from "./define-migration.js";
import { defineMigration } from "./define-migration.js";

const createCoreTables = defineMigration({
  name: "0001_create_core_tables",
  statements: (db, backend) => {
    return [
      db.schema
        .createTable("core_executions")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("pipeline", "text", (column) => column.notNull())
        .addColumn("params", "text", (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("trigger", "text", (column) => column.notNull())
        .addColumn("lane", "text", (column) => column.notNull())
        .addColumn("logical_key", "text")
        .addColumn("parent_execution_id", "text", (column) => column.references("core_executions.id"))
        .addColumn("batch_id", "text")
        .addColumn("created_at", "text", (column) => column.notNull())
        .addColumn("started_at", "text")
        .addColumn("finished_at", "text")
        .addColumn("error", "text")
        .addColumn("error_stack", "text")
        .addColumn("metrics", "text"),
      db.schema.createIndex("core_executions_parent_idx").on("core_executions").column("parent_execution_id"),
      db.schema.createIndex("core_executions_batch_idx").on("core_executions").column("batch_id"),
      db.schema
        .createIndex("core_executions_created_idx")
        .on("core_executions")
        .columns(["created_at", "id"]),
      db.schema
        .createTable("core_manifest")
        .addColumn("domain", "text", (column) => column.notNull())
        .addColumn("partition_key", "text", (column) => column.notNull())
        .addColumn("stage", "text", (column) => column.notNull())
        .addColumn("row_count", "bigint", (column) => column.notNull())
        .addColumn("execution_id", "text", (column) => column.notNull())
        .addColumn("batch_id", "text")
        .addColumn("fingerprint", "text")
        .addColumn("metrics", "text", (column) => column.notNull())
        .addColumn("updated_at", "text", (column) => column.notNull())
        .addPrimaryKeyConstraint("core_manifest_pk", ["domain", "partition_key", "stage"]),
      db.schema
        .createTable("core_rejects")
        .$call((table) => backend.addIdentityColumn(table, "id"))
        .addColumn("domain", "text", (column) => column.notNull())
        .addColumn("partition_key", "text", (column) => column.notNull())
        .addColumn("stage", "text", (column) => column.notNull())
        .addColumn("reason_code", "text", (column) => column.notNull())
        .addColumn("reason_detail", "text", (column) => column.notNull())
        .addColumn("line_number", "bigint")
        .addColumn("raw_record", "text")
        .addColumn("source", "text")
        .addColumn("execution_id", "text", (column) => column.notNull())
        .addColumn("batch_id", "text")
        .addColumn("created_at", "text", (column) => column.notNull()),
      db.schema
        .createIndex("core_rejects_partition_idx")
        .on("core_rejects")
        .columns(["domain", "partition_key", "stage"]),
      db.schema.createIndex("core_rejects_execution_idx").on("core_rejects").column("execution_id"),
      db.schema
        .createTable("core_quality")
        .$call((table) => backend.addIdentityColumn(table, "id"))
        .addColumn("domain", "text", (column) => column.notNull())
        .addColumn("partition_key", "text", (column) => column.notNull())
        .addColumn("check_name", "text", (column) => column.notNull())
        .addColumn("severity", "text", (column) => column.notNull())
        .addColumn("status", "text", (column) => column.notNull())
        .addColumn("expected", "integer", (column) => column.notNull().defaultTo(0))
        .addColumn("actual_value", "text")
        .addColumn("expected_value", "text")
        .addColumn("message", "text", (column) => column.notNull())
        .addColumn("execution_id", "text", (column) => column.notNull())
        .addColumn("batch_id", "text")
        .addColumn("created_at", "text", (column) => column.notNull()),
      db.schema
        .createIndex("core_quality_partition_idx")
        .on("core_quality")
        .columns(["domain", "partition_key"]),
      db.schema.createIndex("core_quality_execution_idx").on("core_quality").column("execution_id"),
      db.schema
        .createTable("core_locks")
        .addColumn("lock_key", "text", (column) => column.primaryKey())
        .addColumn("execution_id", "text", (column) => column.notNull())
        .addColumn("owner", "text", (column) => column.notNull())
        .addColumn("acquired_at", "text", (column) => column.notNull())
        .addColumn("expires_at", "text", (column) => column.notNull()),
    ];
  },
});

/** The platform's own migrations; always applied before any domain's. */
export const platformMigrations: MigrationSet = {
  owner: "platform",
  migrations: [
    createCoreTables,
    createCoreCaptures,
    createPointInTime,
    createExecutionLeases,
    createCaptureRowSamples,
    createCaptureArchives,
    createQueueJobs,
    addQueueEngineJobIds,
    createSourceFileFactsTable,
    createStoredSources,
  ],
};
