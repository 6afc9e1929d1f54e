import { defineMigration } from "./define-migration.js";

// Frozen in time: it must never change once released.

/**
 * Executions' owners and heartbeats: `owner` is the process (`host:pid:instance`) running an
 * execution and `heartbeat_at` the last time it said so; a pending or running execution whose
 * heartbeat is older than the lease is abandoned. The status index finds those quickly.
 */
export const createExecutionLeases = defineMigration({
  name: "0004_execution_leases",
  statements: (db) => [
    db.schema.alterTable("core_executions").addColumn("owner", "text"),
    db.schema.alterTable("core_executions").addColumn("heartbeat_at", "text"),
    db.schema.createIndex("core_executions_status_idx").on("core_executions").column("status"),
  ],
});
