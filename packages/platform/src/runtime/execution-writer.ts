import type { Kysely } from "kysely";
import type { CoreTables, ExecutionStatus } from "../database/core-tables.js";

/** Inserts the pending row for a new execution. */
export async function insertExecution(
  db: Kysely<CoreTables>,
  row: {
    id: string;
    pipeline: string;
    params: Readonly<Record<string, unknown>>;
    trigger: string;
    lane: string;
    parentExecutionId: string | null;
    batchId: string;
    correlationId: string;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto("core_executions")
    .values({
      id: row.id,
      pipeline: row.pipeline,
      params: JSON.stringify(row.params),
      status: "pending",
      trigger: row.trigger,
      lane: row.lane,
      logical_key: null,
      parent_execution_id: row.parentExecutionId,
      batch_id: row.batchId,
      correlation_id: row.correlationId,
      created_at: row.createdAt,
      started_at: null,
      finished_at: null,
      error: null,
      error_stack: null,
      metrics: null,
    })
    .execute();
}

/** Moves an execution to running and records its lock key. */
export async function markExecutionRunning(
  db: Kysely<CoreTables>,
  id: string,
  startedAt: string,
): Promise<void> {
  await db
    .updateTable("core_executions")
    .set({ status: "running", started_at: startedAt })
    .where("id", "=", id)
    .execute();
}

/** Records the logical key once the partition is known. */
export async function setExecutionLogicalKey(
  db: Kysely<CoreTables>,
  id: string,
  logicalKey: string,
): Promise<void> {
  await db.updateTable("core_executions").set({ logical_key: logicalKey }).where("id", "=", id).execute();
}

/** Records how an execution ended. */
export async function finishExecution(
  db: Kysely<CoreTables>,
  id: string,
  end: {
    status: ExecutionStatus;
    finishedAt: string;
    metrics: Readonly<Record<string, unknown>>;
    error: string | null;
    errorStack: string | null;
  },
): Promise<void> {
  await db
    .updateTable("core_executions")
    .set({
      status: end.status,
      finished_at: end.finishedAt,
      metrics: JSON.stringify(end.metrics),
      error: end.error,
      error_stack: end.errorStack,
    })
    .where("id", "=", id)
    .execute();
}
